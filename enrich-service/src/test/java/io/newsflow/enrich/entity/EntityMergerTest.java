package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.enrich.ShippedSettings;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

class EntityMergerTest {

    private static EntityMerger merger;

    @BeforeAll
    static void loadGazetteer() {
        merger = new EntityMerger(new PlaceGazetteer(ShippedSettings.languages()));
    }

    @Test
    void aFullNameASurnameAndATitledSurnameAreOnePersonWithThreeMentions() {
        String text = "Poutine arrive. Vladimir Poutine parle. M. Poutine part.";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "Poutine", "Vladimir Poutine",
                "M. Poutine"), "fr");

        assertThat(entities).containsExactly(new Entity("Vladimir Poutine", EntityType.PERSON, null, 3,
                List.of("Poutine", "Vladimir Poutine"), 0));
    }

    @Test
    void honorificsAreNotPartOfTheNameOrItsOffset() {
        String text = "Hier, Mme Lagarde a parlé.";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "Mme Lagarde"), "fr");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Lagarde");
            assertThat(e.firstOffset()).isEqualTo(text.indexOf("Lagarde"));
        });
    }

    @Test
    void pronounsAndLowerCaseWordsTaggedAsPeopleAreDropped() {
        String text = "He said his friend, the président, met Ann.";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "He", "his", "président", "Ann"), "en");

        assertThat(entities).extracting(Entity::name).containsExactly("Ann");
    }

    @Test
    void aKnownPlaceTaggedAsAPersonOrOrganisationIsALocationWithItsReference() {
        String text = "Kyiv answered. Moscú and Rusia too.";
        List<Mention> found = new ArrayList<>(mentions(text, EntityType.PERSON, "Kyiv"));
        found.addAll(mentions(text, EntityType.ORGANIZATION, "Moscú", "Rusia"));

        List<Entity> entities = merger.merge(found, "es");

        assertThat(entities).extracting(Entity::name, Entity::type, Entity::ref).containsExactly(
                tuple("Kiev", EntityType.LOCATION, null),
                tuple("Moscú", EntityType.LOCATION, null),
                tuple("Rusia", EntityType.LOCATION, "iso3166:RU"));
    }

    @Test
    void aPlaceNameThatIsTheSurnameOfAPersonInTheArticleStaysThatPerson() {
        String text = "George Washington crossed. Washington won.";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "George Washington", "Washington"), "en");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntityType.PERSON);
            assertThat(e.mentions()).isEqualTo(2);
        });
    }

    @Test
    void inflectedFormsOfOneNameMergeInLanguagesThatInflect() {
        String text = "Олександром Лукашенком і Лукашенка";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "Олександром Лукашенком", "Лукашенка"),
                "uk");

        assertThat(entities).singleElement().satisfies(e -> assertThat(e.mentions()).isEqualTo(2));
    }

    @Test
    void theSameFormsInALanguageThatDoesNotInflectStayApart() {
        String text = "Paris et Parisot";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "Paris", "Parisot"), "fr");

        assertThat(entities).hasSize(2);
    }

    @Test
    void adjectivesMadeFromCountryNamesAreNotEntities() {
        String text = "Russian troops entered Belarus.";
        List<Mention> found = new ArrayList<>(mentions(text, EntityType.MISC, "Russian"));
        found.addAll(mentions(text, EntityType.LOCATION, "Belarus"));

        List<Entity> entities = merger.merge(found, "en");

        assertThat(entities).extracting(Entity::name).containsExactly("Belarus");
    }

    /** Mentions of each name at its successive occurrences in the text. */
    @Test
    void aSurnameQuotedInAnotherRomanisationIsTheSamePerson() {
        String text = "Alexandre Loukachenko arrive. « Lukashenko is isolated », écrit le journal. Loukachenko part.";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "Alexandre Loukachenko", "Lukashenko",
                "Loukachenko"), "fr");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Alexandre Loukachenko");
            assertThat(e.mentions()).isEqualTo(3);
            assertThat(e.surfaceForms()).containsExactly("Alexandre Loukachenko", "Lukashenko", "Loukachenko");
        });
    }

    @Test
    void differentSurnamesStayApartWhateverTheirRomanisation() {
        String text = "Alexandre Loukachenko et Sergueï Choïgou. Lukashenko, Shoigu et Lukas.";

        List<Entity> entities = merger.merge(mentions(text, EntityType.PERSON, "Alexandre Loukachenko",
                "Sergueï Choïgou", "Lukashenko", "Shoigu", "Lukas"), "fr");

        assertThat(entities).extracting(Entity::name, Entity::mentions).containsExactly(
                tuple("Alexandre Loukachenko", 2), tuple("Sergueï Choïgou", 2), tuple("Lukas", 1));
    }

    @Test
    void aLoneInstitutionNounIsAnOrganisationWhateverTheTaggerSaid() {
        String text = "Selon l'Institut pour l'étude de la guerre, un Centre basé à Washington.";
        List<Mention> found = new ArrayList<>(mentions(text, EntityType.LOCATION, "Institut"));
        found.addAll(mentions(text, EntityType.MISC, "Centre"));

        List<Entity> entities = merger.merge(found, "fr");

        assertThat(entities).extracting(Entity::name, Entity::type).containsExactly(
                tuple("Institut", EntityType.ORGANIZATION), tuple("Centre", EntityType.ORGANIZATION));
    }

    @Test
    void aPostNamedByALowerCaseTitleIsNoEntityButATitledPersonKeepsTheName() {
        String text = "Le ministre russe de la Défense et le président Macron.";
        List<Mention> found = new ArrayList<>(mentions(text, EntityType.ORGANIZATION, "ministre russe de la Défense"));
        found.addAll(mentions(text, EntityType.PERSON, "président Macron"));

        List<Entity> entities = merger.merge(found, "fr");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Macron");
            assertThat(e.type()).isEqualTo(EntityType.PERSON);
            assertThat(e.firstOffset()).isEqualTo(text.indexOf("Macron"));
        });
    }

    private static List<Mention> mentions(String text, EntityType type, String... names) {
        List<Mention> mentions = new ArrayList<>();
        int from = 0;
        for (String name : names) {
            int begin = text.indexOf(name, from);
            if (begin < 0) {
                begin = text.indexOf(name);
            }
            mentions.add(new Mention(name, begin, begin + name.length(), type));
            from = begin + name.length();
        }
        return mentions;
    }
}
