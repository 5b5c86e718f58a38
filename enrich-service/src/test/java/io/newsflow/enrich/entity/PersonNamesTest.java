package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNamesTest {

    private final PersonNames names = PersonNames.shared();

    @Test
    void theNameListsOfEveryLocaleAreRead() {
        assertThat(names.givenNames()).isGreaterThan(10_000);
        assertThat(names.surnames()).isGreaterThan(10_000);
        assertThat(names.isGivenName("Isabelle", false)).isTrue();
        assertThat(names.isGivenName("Сергій", false)).isTrue();
        assertThat(names.isSurname("Kowalski", false)).isTrue();
    }

    @Test
    void inflectedFormsOfAGivenNameMatchOnlyInAnInflectingLanguage() {
        assertThat(names.isGivenName("Theresą", true)).isTrue();
        assertThat(names.isGivenName("Theresą", false)).isFalse();
    }

    @Test
    void templatesAndOrdinaryWordsAreNoNames() {
        assertThat(names.isGivenName("female_first_name", false)).isFalse();
        assertThat(names.isGivenName("Ministerie", false)).isFalse();
    }
}
