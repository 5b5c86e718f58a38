package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void oneSurnameRomanisedForDifferentLanguagesGivesOneKey() {
        assertThat(Names.romanisationKey("Loukachenko")).isEqualTo(Names.romanisationKey("Lukashenko"))
                .isEqualTo(Names.romanisationKey("Lukaschenko"));
        assertThat(Names.romanisationKey("Choïgou")).isEqualTo(Names.romanisationKey("Shoigu"));
        assertThat(Names.romanisationKey("Poutine")).isEqualTo(Names.romanisationKey("Putin"));
        assertThat(Names.romanisationKey("Selenskyj")).isEqualTo(Names.romanisationKey("Selensky"));
    }

    @Test
    void shortOrDifferentNamesAreNotTheSameSurname() {
        assertThat(Names.sameRomanisedWord("Lukas", "Lucas")).isFalse();
        assertThat(Names.sameRomanisedWord("Peskov", "Popov")).isFalse();
        assertThat(Names.sameRomanisedWord("Ivan", "Iwan")).isFalse();
        assertThat(Names.sameRomanisedWord("Macron", "Micron")).isFalse();
    }

    @Test
    void onlyLowerCaseTitlesAreTitles() {
        assertThat(Names.isLowerCaseTitle("ministre")).isTrue();
        assertThat(Names.isLowerCaseTitle("Ministre")).isFalse();
        assertThat(Names.isLowerCaseTitle("russe")).isFalse();
    }
}
