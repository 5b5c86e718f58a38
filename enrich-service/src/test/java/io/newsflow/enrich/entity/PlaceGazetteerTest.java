package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.enrich.ShippedSettings;

class PlaceGazetteerTest {

    private static PlaceGazetteer gazetteer;

    @BeforeAll
    static void loadNames() {
        gazetteer = new PlaceGazetteer(ShippedSettings.languages());
    }

    @Test
    void aCountryHasOneReferenceWhateverTheLanguageOfItsName() {
        for (String name : List.of("Biélorussie", "Belarus", "Bielorrusia", "Беларусь", "Білорусь", "Białoruś")) {
            assertThat(gazetteer.lookup(name, "fr")).as(name)
                    .hasValueSatisfying(place -> assertThat(place.ref()).isEqualTo("iso3166:BY"));
        }
    }

    @Test
    void theCanonicalNameIsTheNameInTheArticlesLanguage() {
        PlaceGazetteer.Place belarus = gazetteer.lookup("Belarus", "en").orElseThrow();

        assertThat(belarus.name("fr")).isEqualTo("Biélorussie");
        assertThat(belarus.name("ru")).isEqualTo("Беларусь");
    }

    @Test
    void aCityIsNamedAsItselfNotAsAnotherCityWhoseClocksItFollows() {
        assertThat(gazetteer.lookup("London", "en")).hasValueSatisfying(p -> assertThat(p.name("en")).isEqualTo("London"));
        assertThat(gazetteer.lookup("Belfast", "en")).hasValueSatisfying(p -> assertThat(p.name("en")).isEqualTo("Belfast"));
        assertThat(gazetteer.lookup("Victoria", "en")).map(p -> p.name("en")).isNotEqualTo(Optional.of("Melbourne"));
    }

    @Test
    void aCountrysNameOfSeveralWordsIsFoundWithEveryWordInflected() {
        for (String name : List.of("Великої Британії", "Wielką Brytanią", "Wielkiej Brytanii")) {
            assertThat(gazetteer.lookup(name, name.startsWith("W") ? "pl" : "uk")).as(name)
                    .hasValueSatisfying(place -> assertThat(place.ref()).isEqualTo("iso3166:GB"));
        }
        assertThat(gazetteer.lookup("Wielką Brytanią", "en")).isEmpty();
    }

    @Test
    void inflectedNamesAreFoundInLanguagesThatInflectThem() {
        assertThat(gazetteer.lookup("Білорусі", "uk")).hasValueSatisfying(p -> assertThat(p.ref()).isEqualTo("iso3166:BY"));
        assertThat(gazetteer.lookup("России", "ru")).hasValueSatisfying(p -> assertThat(p.ref()).isEqualTo("iso3166:RU"));
        assertThat(gazetteer.lookup("Москвою", "uk")).hasValueSatisfying(p -> assertThat(p.name("uk")).isEqualTo("Москва"));
        assertThat(gazetteer.lookup("Минском", "ru")).hasValueSatisfying(p -> assertThat(p.name("ru")).isEqualTo("Минск"));
        assertThat(gazetteer.lookup("Polski", "pl")).hasValueSatisfying(p -> assertThat(p.ref()).isEqualTo("iso3166:PL"));
    }

    @Test
    void endingsAreNotStrippedInLanguagesThatDoNotInflectNames() {
        assertThat(gazetteer.lookup("Москвою", "fr")).isEmpty();
        assertThat(gazetteer.lookup("Russiaism", "en")).isEmpty();
    }

    @Test
    void citiesComeFromTimeZoneExemplarsAndCarryNoCountryReference() {
        assertThat(gazetteer.lookup("Moscú", "es")).hasValueSatisfying(p -> {
            assertThat(p.country()).isFalse();
            assertThat(p.ref()).isNull();
            assertThat(p.name("fr")).isEqualTo("Moscou");
        });
        assertThat(gazetteer.lookup("Kiew", "de")).isPresent();
        assertThat(gazetteer.lookup("Kyiv", "en")).isPresent();
    }

    @Test
    void aliasesFromTheDataFileNameTheirCountry() {
        assertThat(gazetteer.lookup("Белоруссию", "ru")).hasValueSatisfying(p -> assertThat(p.ref()).isEqualTo("iso3166:BY"));
        assertThat(gazetteer.lookup("Weißrussland", "de")).hasValueSatisfying(p -> assertThat(p.ref()).isEqualTo("iso3166:BY"));
    }

    @Test
    void adjectivesMadeFromPlaceNamesAreRecognisedAsSuch() {
        assertThat(gazetteer.derivesFromPlace("Belarusian")).isTrue();
        assertThat(gazetteer.derivesFromPlace("Russian")).isTrue();
        assertThat(gazetteer.derivesFromPlace("Russia")).isFalse();
        assertThat(gazetteer.derivesFromPlace("Newsweek")).isFalse();
    }

    @Test
    void theEngineIsTheIcuOnTheClasspath() {
        assertThat(gazetteer.engine().name()).isEqualTo("icu4j-cldr");
        assertThat(gazetteer.engine().version()).startsWith(com.ibm.icu.util.VersionInfo.ICU_VERSION.getMajor() + ".");
    }
}
