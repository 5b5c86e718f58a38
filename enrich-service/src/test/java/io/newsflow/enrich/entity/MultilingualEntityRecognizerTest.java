package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.newsflow.enrich.Seeds;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

/** The recognizer as the service runs it, with the CoreNLP pipelines of en, fr, de and es. */
class MultilingualEntityRecognizerTest {

    private final MultilingualEntityRecognizer recognizer = SharedRecognizer.get();

    @Test
    void theFrenchSeedNamesPutinOnceWithEveryMention() {
        String seed = Seeds.read(Seeds.FRENCH);

        List<Entity> entities = recognizer.recognize(seed, "fr").entities();

        Entity putin = entity(entities, "Vladimir Poutine");
        assertThat(putin.type()).isEqualTo(EntityType.PERSON);
        // "M. Poutine" is counted under Poutine, without its title.
        assertThat(putin.surfaceForms()).contains("Poutine", "Vladimir Poutine").noneMatch(f -> f.startsWith("M."));
        assertThat(putin.mentions()).isGreaterThanOrEqualTo(5);
        assertThat(putin.firstOffset()).isEqualTo(seed.indexOf("Poutine"));
        assertThat(entities).filteredOn(e -> e.name().contains("Poutine")).hasSize(1);
    }

    @Test
    void theFrenchSeedNamesBelarusAsALocationWithItsCountryReference() {
        List<Entity> entities = recognizer.recognize(Seeds.read(Seeds.FRENCH), "fr").entities();

        Entity belarus = entity(entities, "Biélorussie");
        assertThat(belarus.type()).isEqualTo(EntityType.LOCATION);
        assertThat(belarus.ref()).isEqualTo("iso3166:BY");
        assertThat(entities).extracting(Entity::name).contains("Alexandre Loukachenko", "Sergueï Shoigu",
                "Dmitri Peskov", "Moscou", "Minsk", "Ukraine", "RIA Novosti");
    }

    @Test
    void theFrenchSeedLinksBelarusMinskAndMoscowWithCoordinates() {
        List<Entity> entities = recognizer.recognize(Seeds.read(Seeds.FRENCH), "fr").entities();

        assertThat(entities).filteredOn(e -> e.type() == EntityType.LOCATION)
                .extracting(Entity::name, Entity::ref, e -> e.geo() != null ? e.geo().countryCode() : null)
                .contains(tuple("Biélorussie", "iso3166:BY", "BY"), tuple("Minsk", "geonames:625144", "BY"),
                        tuple("Moscou", "geonames:524901", "RU"), tuple("Ukraine", "iso3166:UA", "UA"));
    }

    @Test
    void aPersonNamedLikeAPlaceIsNotLinked() {
        List<Entity> entities = recognizer.recognize(
                "Victoria Beckham opened a shop in London. Victoria said the shop would stay open.", "en").entities();

        assertThat(entities).filteredOn(e -> e.surfaceForms().stream().anyMatch(f -> f.startsWith("Victoria")))
                .hasSize(2).allSatisfy(e -> assertThat(e.ref()).isNull());
        assertThat(entities).filteredOn(e -> e.surfaceForms().contains("London")).extracting(Entity::ref)
                .containsExactly("geonames:2643743");
    }

    @Test
    void theFrenchSeedHasEveryEntityItWasSpecifiedWith() {
        List<Entity> entities = recognizer.recognize(Seeds.analysedText(Seeds.FRENCH), "fr").entities();

        assertThat(entities).extracting(Entity::type, Entity::name).contains(
                tuple(EntityType.PERSON, "Vladimir Poutine"), tuple(EntityType.PERSON, "Alexandre Loukachenko"),
                tuple(EntityType.PERSON, "Sergueï Shoigu"), tuple(EntityType.PERSON, "Dmitri Peskov"),
                tuple(EntityType.LOCATION, "Biélorussie"), tuple(EntityType.LOCATION, "Ukraine"),
                tuple(EntityType.LOCATION, "Moscou"), tuple(EntityType.LOCATION, "Minsk"),
                tuple(EntityType.ORGANIZATION, "RIA Novosti"),
                // named by the credit line that closes the article
                tuple(EntityType.ORGANIZATION, "Newsweek"));
    }

    @Test
    void aCountrysOfficialLongFormIsCountedAsTheCountry() {
        List<Entity> entities = recognizer.recognize(Seeds.analysedText(Seeds.FRENCH), "fr").entities();

        assertThat(entity(entities, "Biélorussie").surfaceForms()).contains("République de Biélorussie");
        assertThat(entity(entities, "Russie").surfaceForms()).contains("Fédération de Russie");
        assertThat(entity(entities, "Russie").ref()).isEqualTo("iso3166:RU");
        assertThat(entities).extracting(Entity::name).doesNotContain("République de Biélorussie", "Fédération de Russie");
    }

    @Test
    void institutionsTheFrenchModelCutsToTheirHeadGetTheirWholeName() {
        List<Entity> entities = recognizer.recognize(Seeds.analysedText(Seeds.FRENCH), "fr").entities();

        assertThat(entities).extracting(Entity::type, Entity::name).contains(
                tuple(EntityType.ORGANIZATION, "Institut pour l'étude de la guerre"),
                tuple(EntityType.ORGANIZATION, "Centre de résistance ukrainien"));
        assertThat(entities).extracting(Entity::name).doesNotContain("Institut", "Centre");
    }

    @Test
    void pronounsTheEnglishModelTagsAsPeopleAreNotEntities() {
        List<Entity> entities = recognizer.recognize(NerEvalSet.load("en").text(), "en").entities();

        assertThat(entities).extracting(Entity::name).doesNotContain("he", "his", "him");
    }

    @Test
    void placesTheSpanishModelTagsAsOrganisationsOrPeopleAreLocations() {
        List<Entity> entities = recognizer.recognize(NerEvalSet.load("es").text(), "es").entities();

        assertThat(entity(entities, "Moscú").type()).isEqualTo(EntityType.LOCATION);
        assertThat(entity(entities, "Kiev").type()).isEqualTo(EntityType.LOCATION);
        assertThat(entity(entities, "Rusia").ref()).isEqualTo("iso3166:RU");
    }

    @Test
    void oneCountryHasTheSameReferenceInArticlesOfDifferentLanguages() {
        for (String language : List.of("en", "es", "fr", "ru", "uk")) {
            List<Entity> entities = recognizer.recognize(NerEvalSet.load(language).text(), language).entities();

            assertThat(entities).as(language).filteredOn(e -> "iso3166:BY".equals(e.ref())).singleElement()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(EntityType.LOCATION));
        }
    }

    @Test
    void coreNlpLanguagesNameTheirModelAndVersionAndOthersTheChunker() throws URISyntaxException {
        Recognition french = recognizer.recognize("Emmanuel Macron est à Paris.", "fr");
        Recognition russian = recognizer.recognize("Владимир Путин в Москве.", "ru");
        Path coreNlpJar = Path.of(StanfordCoreNLP.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(french.engines()).extracting(e -> e.name()).containsExactly(
                "stanford-corenlp/french-wikiner-4class", "icu4j-cldr", "geonames-cities500");
        assertThat(coreNlpJar.getFileName().toString())
                .isEqualTo("stanford-corenlp-" + french.engines().get(0).version() + ".jar");
        assertThat(russian.engines()).extracting(e -> e.name()).containsExactly(
                "newsflow-proper-noun-chunker", "icu4j-cldr", "geonames-cities500");
        assertThat(russian.entities()).extracting(Entity::type).containsExactly(EntityType.PERSON, EntityType.LOCATION);
    }

    @Test
    void undeterminedTextGoesToTheChunker() {
        Recognition recognition = recognizer.recognize("Berlin, Paris, Warszawa.", "und");

        assertThat(recognition.entities()).extracting(Entity::type).containsOnly(EntityType.LOCATION).hasSize(3);
    }

    @Test
    void onePipelineGivesTheSameAnswersToManyThreadsAtOnce() throws Exception {
        List<String> languages = List.of("de", "en", "es", "fr");
        List<List<Entity>> sequential = languages.stream()
                .map(l -> recognizer.recognize(NerEvalSet.load(l).text(), l).entities()).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Entity>>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> languages.stream()
                        .map(l -> recognizer.recognize(NerEvalSet.load(l).text(), l).entities()).toList()));
            }
            for (Future<List<List<Entity>>> run : runs) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLanguageWithoutACoreNlpPipelineIsRefusedAtStartup() {
        assertThatThrownBy(() -> new MultilingualEntityRecognizer(List.of("ru"), List.of("en", "ru"), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsflow.enrich.entities.corenlp-languages")
                .hasMessageContaining("ru");
    }

    private static Entity entity(List<Entity> entities, String name) {
        return entities.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + entities));
    }
}
