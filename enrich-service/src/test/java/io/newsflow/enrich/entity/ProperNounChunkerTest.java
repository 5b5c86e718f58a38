package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.enrich.ShippedSettings;
import io.newsflow.events.EntityType;

class ProperNounChunkerTest {

    private static ProperNounChunker chunker;

    @BeforeAll
    static void loadGazetteer() {
        chunker = new ProperNounChunker(new PlaceGazetteer(ShippedSettings.languages()));
    }

    @Test
    void aCapitalisedWordOpeningASentenceIsANameOnlyWhenTheTextConfirmsIt() {
        String text = "Путин едет в Минск. Министр обороны встретил его. Владимир Путин доволен.";

        List<Mention> mentions = chunker.chunk(text, "ru");

        assertThat(mentions).extracting(Mention::text).containsExactly("Путин", "Минск", "Владимир Путин");
    }

    @Test
    void namesStandingSideBySideAreSplitAtAKnownPlaceOrGivenName() {
        String text = "Министр обороны России Сергей Шойгу приехал.";

        List<Mention> mentions = chunker.chunk(text, "ru");

        assertThat(mentions).extracting(Mention::text, Mention::type).containsExactly(
                tuple("России", EntityType.LOCATION),
                tuple("Сергей Шойгу", EntityType.PERSON));
    }

    @Test
    void connectorWordsJoinTheWordsOfOneName() {
        String text = "Ele viajou para o Rio de Janeiro ontem.";

        assertThat(chunker.chunk(text, "pt")).extracting(Mention::text).containsExactly("Rio de Janeiro");
    }

    @Test
    void acronymsAndOrganisationKeywordsMakeOrganisations() {
        String text = "Сообщает агентство РИА Новости, а также Институт Гайдара.";

        assertThat(chunker.chunk(text, "ru")).extracting(Mention::text, Mention::type).containsExactly(
                tuple("РИА Новости", EntityType.ORGANIZATION),
                tuple("Институт Гайдара", EntityType.ORGANIZATION));
    }

    @Test
    void surnameEndingsMakePeopleAndWhatCannotBeTypedIsMisc() {
        String text = "Вчера заявил Песков, что Кремль молчит.";

        assertThat(chunker.chunk(text, "ru")).extracting(Mention::text, Mention::type).containsExactly(
                tuple("Песков", EntityType.PERSON),
                tuple("Кремль", EntityType.MISC));
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "Tytuł\n\nDonald Tusk spotkał się z prezydentem.";

        Mention tusk = chunker.chunk(text, "pl").get(0);

        assertThat(text.substring(tusk.begin(), tusk.end())).isEqualTo("Donald Tusk").isEqualTo(tusk.text());
        assertThat(tusk.type()).isEqualTo(EntityType.PERSON);
    }

    @Test
    void aGivenNameOfTheNameListsOpensAPersonsName() {
        String text = "Gisteren sprak minister Isabelle Durant met de pers over de treinen.";

        assertThat(chunker.chunk(text, "nl")).extracting(Mention::text, Mention::type)
                .containsExactly(tuple("Isabelle Durant", EntityType.PERSON));
    }

    @Test
    void aLegalFormAndTheQuotedNameAfterItAreOneOrganisation() {
        String text = "Суд оштрафував ТОВ «Укрпласт» на мільйон гривень.";

        assertThat(chunker.chunk(text, "uk")).extracting(Mention::text, Mention::type)
                .containsExactly(tuple("ТОВ «Укрпласт", EntityType.ORGANIZATION));
    }

    @Test
    void inRussianTwoCapitalisedWordsThatAreNoAdjectivesAreAPerson() {
        String text = "Вчера выступила Тереза Мэй, а Верховный суд промолчал.";

        assertThat(chunker.chunk(text, "ru")).extracting(Mention::text, Mention::type).containsExactly(
                tuple("Тереза Мэй", EntityType.PERSON),
                tuple("Верховный суд", EntityType.ORGANIZATION));
    }

    @Test
    void stopWordsOpeningASentenceAndHeadingsInCapitalsStartNoName() {
        String text = "UM PRESENTE AOS ESPECTADORES\n\nO Banco de Portugal abriu. O banco fechou.";

        assertThat(chunker.chunk(text, "pt")).extracting(Mention::text, Mention::type)
                .containsExactly(tuple("Banco de Portugal", EntityType.ORGANIZATION));
    }

    @Test
    void aLowerCaseNounOfAnInstitutionJoinsOnlyTheCapitalisedAdjectiveBeforeIt() {
        String text = "Вчора Саад Різві очолює рух, а Господарський суд мовчить.";

        assertThat(chunker.chunk(text, "uk")).extracting(Mention::text, Mention::type).containsExactly(
                tuple("Саад Різві", EntityType.PERSON),
                tuple("Господарський суд", EntityType.ORGANIZATION));
    }
}
