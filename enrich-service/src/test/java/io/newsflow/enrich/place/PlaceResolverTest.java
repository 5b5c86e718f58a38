package io.newsflow.enrich.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.places.PlaceIndex;

class PlaceResolverTest {

    private static PlaceResolver resolver;

    @BeforeAll
    static void load() {
        resolver = new PlaceResolver(PlaceIndex.load(), List.of("en", "fr", "de", "es", "it", "ru", "uk", "pl"));
    }

    private static Entity location(String... forms) {
        return new Entity(forms[0], EntityType.LOCATION, null, forms.length, List.of(forms), 0);
    }

    private static List<String> refs(String language, Entity... entities) {
        List<String> refs = new ArrayList<>();
        resolver.resolve(List.of(entities), language).forEach(e -> refs.add(e.ref()));
        return refs;
    }

    @Test
    void parisIsTheFrenchCapitalUnlessTheStoryIsInTexas() {
        assertThat(refs("en", location("Paris"))).containsExactly("geonames:2988507");
        assertThat(refs("en", location("Paris"), location("France"), location("Washington")))
                .first().isEqualTo("geonames:2988507");
        assertThat(refs("en", location("Paris"), location("Texas"))).containsExactly("geonames:4717560",
                "iso3166-2:US-TX");
        assertThat(refs("en", location("Paris"), location("Lamar County"), location("Dallas")))
                .first().isEqualTo("geonames:4717560");
    }

    @Test
    void aWorldCapitalStaysItselfInAStoryAboutAnotherCountryWithATownOfItsName() {
        assertThat(refs("es", location("Roma"), location("Estados Unidos"))).first().isEqualTo("geonames:3169070");
        assertThat(refs("en", location("London"), location("Canada"))).first().isEqualTo("geonames:2643743");
        assertThat(refs("en", location("London"), location("Ontario"))).first().isEqualTo("geonames:6058560");
    }

    @Test
    void aLoneHamletIsNoEvidence() {
        assertThat(refs("en", location("Rotterdam"), location("North Sea"), location("Antwerp"), location("Hamburg")))
                .containsExactly("geonames:2747891", null, "geonames:2803138", "geonames:2911298");
    }

    @Test
    void georgiaIsTheCountryUnlessTheStoryIsInTheUnitedStates() {
        assertThat(refs("en", location("Georgia"))).containsExactly("iso3166:GE");
        assertThat(refs("en", location("Georgia"), location("Tbilisi"))).containsExactly("iso3166:GE",
                "geonames:611717");
        assertThat(refs("en", location("Atlanta"), location("Georgia"))).containsExactly("geonames:4180439",
                "iso3166-2:US-GA");
    }

    @Test
    void aPersonNamedLikeAPlaceGetsNoRef() {
        Entity victoria = new Entity("Victoria", EntityType.PERSON, null, 1, List.of("Victoria"), 0);
        assertThat(resolver.resolve(List.of(victoria), "en")).containsExactly(victoria);
        Entity beckham = new Entity("Victoria Beckham", EntityType.PERSON, null, 1, List.of("Victoria Beckham"), 0);
        assertThat(refs("en", beckham, location("Victoria"), location("London")))
                .containsExactly(null, null, "geonames:2643743");
    }

    @Test
    void aPlaceNoEvidenceSettlesGetsNoRef() {
        // Springfield: Missouri, Illinois, Massachusetts, Oregon, Ohio..., none five times the others.
        assertThat(refs("en", location("Springfield"))).containsExactly((String) null);
        assertThat(refs("en", location("Springfield"), location("Illinois"))).first().isEqualTo("geonames:4250542");
    }

    @Test
    void inflectedFormsResolveToTheirPlace() {
        assertThat(refs("ru", location("Москве"))).containsExactly("geonames:524901");
        assertThat(refs("uk", location("Києві"))).containsExactly("geonames:703448");
        assertThat(refs("pl", location("Warszawie"))).containsExactly("geonames:756135");
        assertThat(refs("pl", location("Krakowie"))).containsExactly("geonames:3094802");
        assertThat(refs("fr", location("Londres"))).containsExactly("geonames:2643743");
        assertThat(refs("de", location("Lissabon"))).containsExactly("geonames:2267057");
    }

    @Test
    void onePlaceAcrossLanguagesAndScriptsHasOneRef() {
        for (String[] form : new String[][] {{"en", "Kyiv"}, {"en", "Kiev"}, {"uk", "Київ"}, {"ru", "Киев"},
                {"pl", "Kijów"}, {"de", "Kiew"}, {"fr", "Kiev"}}) {
            assertThat(refs(form[0], location(form[1]))).as(form[1]).containsExactly("geonames:703448");
        }
    }

    @Test
    void aResolvedPlaceCarriesWhereItIs() {
        Entity minsk = resolver.resolve(List.of(location("Minsk")), "fr").get(0);
        assertThat(minsk.ref()).isEqualTo("geonames:625144");
        assertThat(minsk.geo().countryCode()).isEqualTo("BY");
        assertThat(minsk.geo().lat()).isBetween(53.8, 54.0);
        assertThat(minsk.geo().featureCode()).isEqualTo("PPLC");
        assertThat(minsk.geo().population()).isGreaterThan(1_000_000L);
        Entity belarus = new Entity("Biélorussie", EntityType.LOCATION, "iso3166:BY", 3, List.of("Biélorussie"), 17);
        Entity country = resolver.resolve(List.of(belarus), "fr").get(0);
        assertThat(country.ref()).isEqualTo("iso3166:BY");
        assertThat(country.geo().featureClass()).isEqualTo("A");
        assertThat(country.geo().lon()).isBetween(27.0, 28.0);
    }

    @Test
    void continentsAreNoPopulatedPlace() {
        assertThat(refs("en", location("Europe"), location("Africa"))).containsExactly(null, null);
        assertThat(refs("fr", location("Amérique du Sud"))).containsExactly((String) null);
    }

    @Test
    void badNamesTakeBoundedTimeAndLinkNothing() {
        String huge = "Pa" + "r".repeat(10_000) + "is";
        String homoglyph = "P\u0430ris";
        String mixed = "Москваmoscow";
        long started = System.nanoTime();
        assertThat(refs("ru", location(huge), location(homoglyph), location(mixed)))
                .containsExactly(null, null, null);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);
    }

    @Test
    void linkingAnArticleTakesLessThanAMillisecond() {
        List<Entity> article = List.of(location("Paris"), location("Moscou"), location("Biélorussie"),
                location("Minsk"), location("Kiev"), location("Texas"), location("Georgia"), location("Warszawie"),
                location("Londres"), location("Springfield"), location("Europe"), location("Berlin"));
        for (int i = 0; i < 2_000; i++) {
            resolver.resolve(article, "fr");
        }
        // The best of several batches: the machine is shared, and a batch another process slowed says nothing.
        double millis = Double.MAX_VALUE;
        for (int batch = 0; batch < 10; batch++) {
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                resolver.resolve(article, "fr");
            }
            millis = Math.min(millis, (System.nanoTime() - started) / 1e6 / 200);
        }
        System.out.printf("place linking: %.3f ms per article of %d locations%n", millis, article.size());
        assertThat(millis).isLessThan(1.0);
    }
}
