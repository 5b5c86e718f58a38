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
}
