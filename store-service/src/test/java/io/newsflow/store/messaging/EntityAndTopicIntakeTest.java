package io.newsflow.store.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;



import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.newsflow.events.CloudEventHeaders;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.Geo;
import io.newsflow.events.Topic;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.newsflow.store.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Entities and topics of the stored articles, in their own tables. */
@QuarkusTest
class EntityAndTopicIntakeTest extends StoreIntegrationTest {

    @Test
    void theSameEnrichedEventSentThreeTimesLeavesOneArticleAndOneRowPerEntityLink() {
        EnrichedArticle article = Articles.seed();
        EnrichedArticle after = Articles.fresh();

        topic.send(EnrichedTopic.event(article), EnrichedTopic.event(article), EnrichedTopic.event(article),
                EnrichedTopic.event(after));
        rows.awaitStored(after.id());

        assertThat(rows.count(article.id())).isEqualTo(1);
        assertThat(rows.entityLinks(article.id())).hasSize(4).containsExactlyInAnyOrder(
                linkOf(article.entities().get(0)), linkOf(article.entities().get(1)),
                linkOf(article.entities().get(2)), linkOf(article.entities().get(3)));
        assertThat(rows.topicLinks(article.id())).containsExactly("medtop:11000000 0.74", "medtop:16000000 0.91");
        assertThat(rows.countEntities("LOCATION", "iso3166:BY")).isEqualTo(1);
        assertThat(rows.countEntities("PERSON", "Vladimir Poutine")).isEqualTo(1);
    }

    @Test
    void aNewerEnrichmentReplacesTheLinksAndAnOlderOneLeavesThemAlone() {
        EnrichedArticle seed = Articles.seed();
        Instant enrichedAt = seed.enrichment().enrichedAt();
        EnrichedArticle older = Articles.enriched(seed, "1.0.0", enrichedAt);
        EnrichedArticle newer = Articles.with(Articles.enriched(seed, "2.0.0", enrichedAt.plusSeconds(60)),
                List.of(seed.entities().get(2)), List.of(new Topic("medtop:16009000", "war", 0.88)));

        topic.send(EnrichedTopic.event(older));
        rows.awaitStored(seed.id());
        assertThat(rows.entityLinks(seed.id())).hasSize(4);

        topic.send(EnrichedTopic.event(newer));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows.topicLinks(seed.id()),
                links -> links.equals(List.of("medtop:16009000 0.88")));
        assertThat(rows.entityLinks(seed.id())).containsExactly(linkOf(seed.entities().get(2)));

        EnrichedArticle after = Articles.fresh();
        topic.send(EnrichedTopic.event(older), EnrichedTopic.event(after));
        rows.awaitStored(after.id());

        assertThat(rows.topicLinks(seed.id())).containsExactly("medtop:16009000 0.88");
        assertThat(rows.entityLinks(seed.id())).containsExactly(linkOf(seed.entities().get(2)));
    }

    @Test
    void aPlaceNamedInTwoLanguagesIsOneEntity() {
        EnrichedArticle french = Articles.seed();
        EnrichedArticle english = Articles.with(Articles.written("en", "Putin visits Belarus",
                "Vladimir Putin flew to Belarus today."), List.of(new Entity("Belarus", EntityType.LOCATION,
                        "iso3166:BY", 1, List.of("Belarus"), 20)), List.of());
        EnrichedArticle unnamed = Articles.with(Articles.fresh(), List.of(new Entity("Belarus", EntityType.LOCATION,
                null, 1, List.of("Belarus"), 0)), List.of());

        topic.send(EnrichedTopic.event(french), EnrichedTopic.event(english), EnrichedTopic.event(unnamed));
        rows.awaitStored(unnamed.id());

        assertThat(rows.countEntities("LOCATION", "iso3166:BY")).isEqualTo(1);
        assertThat(rows.entityLinks(english.id())).containsExactly("LOCATION iso3166:BY 1 {Belarus}");
        assertThat(rows.entityLinks(unnamed.id())).as("without a reference, the name is the identity")
                .containsExactly("LOCATION Belarus 1 {Belarus}");
    }

    @Test
    void aPlaceNamedInThreeLanguagesIsOneEntityWithOnePointAndCountsOnceOnTheMap() {
        String unique = String.valueOf(9_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
        String ref = "geonames:" + unique;
        Geo geo = new Geo(55.75222, 37.61556, "RU", "P", "PPLC", 10_381_222L);
        List<EnrichedArticle> articles = List.of(
                placeArticle("fr", "Moscou", ref, geo), placeArticle("en", "Moscow", ref, geo),
                placeArticle("ru", "Москва", ref, geo));

        topic.send(articles.stream().map(EnrichedTopic::event).toArray(ProducerRecord[]::new));
        articles.forEach(a -> rows.awaitStored(a.id()));

        assertThat(rows.countEntities("LOCATION", ref)).isEqualTo(1);
        assertThat(rows.countLinkedArticles("LOCATION", ref)).isEqualTo(3);
        assertThat(rows.place(ref)).isEqualTo("55.75222 37.61556 RU P PPLC 10381222");
        assertThat(rows.placesPerDay(ref)).singleElement().asString().endsWith(" 3 55.75222 37.61556");
        given().queryParam("entity", ref).get("/articles").then().statusCode(200)
                .body("items.size()", equalTo(3));
        // The API looks back at most 31 days (newsflow.store.api.max-period); these articles were stored just now.
        given().queryParam("since", Instant.now().minus(Duration.ofDays(7)).toString())
                .queryParam("type", "LOCATION").queryParam("limit", 500)
                .get("/entities/top").then().statusCode(200)
                .body("items.find { it.ref == '" + ref + "' }.articles", equalTo(3))
                .body("items.find { it.ref == '" + ref + "' }.lat", equalTo(55.75222f))
                .body("items.find { it.ref == 'iso3166:BY' }.lat", equalTo(53.9f));
    }

    private static EnrichedArticle placeArticle(String language, String name, String ref, Geo geo) {
        return Articles.with(Articles.written(language, name + " " + UUID.randomUUID(), name + "."),
                List.of(new Entity(name, EntityType.LOCATION, ref, 1, List.of(name), 0, geo)), List.of());
    }

    @Test
    void aBatchWithOnePoisonRecordStoresTheOthersAndDeadLettersThePoisonOne() {
        List<EnrichedArticle> good = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            good.add(Articles.seed());
        }
        // Valid against the contract, which allows any string as a reference, but refused by the entities table.
        EnrichedArticle poison = Articles.with(Articles.fresh(), List.of(new Entity("Nowhere", EntityType.LOCATION,
                "", 1, List.of("Nowhere"), 0)), List.of());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        good.subList(0, 3).forEach(a -> records.add(EnrichedTopic.event(a)));
        records.add(EnrichedTopic.event(poison));
        good.subList(3, 6).forEach(a -> records.add(EnrichedTopic.event(a)));

        topic.send(records.toArray(ProducerRecord[]::new));

        good.forEach(a -> rows.awaitStored(a.id()));
        good.forEach(a -> assertThat(rows.entityLinks(a.id())).hasSize(4));
        ConsumerRecord<String, byte[]> deadLetter = topic.deadLetters(Set.of(poison.id()))
                .awaitRecords(1, Duration.ofSeconds(30)).getRecords().get(0);
        assertThat(KafkaCompanion.getHeader(deadLetter.headers(), CloudEventHeaders.DEAD_LETTER_REASON))
                .contains("The database refuses article " + poison.id(), "entities_ref_not_empty");
        assertThat(rows.count(poison.id())).isZero();
    }

    @Test
    void namesSurfaceFormsAndLabelsAreStoredCharacterForCharacter() {
        String unique = UUID.randomUUID().toString();
        String name = "Tab\there, \"quoted\", back\\slash {braced}\nnext line\r " + unique;
        String ref = "test:back\\slash\ttab\\N " + unique;
        List<String> forms = List.of("NULL", "", "a,b", "{x}", "quote\"s", "back\\slash\\", "\\N", "tab\tand\nline",
                " spaced ");
        String label = "label\twith\\odd \"characters\"\n{}" + unique;
        String code = String.format("medtop:2%07d", Math.floorMod(unique.hashCode(), 10_000_000));
        EnrichedArticle article = Articles.with(Articles.fresh(),
                List.of(new Entity(name, EntityType.MISC, ref, 2, forms, 3),
                        new Entity("NULL " + unique, EntityType.MISC, null, 1, List.of("NULL"), 0)),
                List.of(new Topic(code, label, 0.5)));

        topic.send(EnrichedTopic.event(article));
        rows.awaitStored(article.id());

        assertThat(rows.entityLinkTexts(article.id())).containsExactly(
                new StoredRows.LinkText("NULL " + unique, null, "NULL " + unique, List.of("NULL")),
                new StoredRows.LinkText(name, ref, name, forms));
        assertThat(rows.topicLabel(code)).isEqualTo(label);
    }

    private static String linkOf(Entity entity) {
        return entity.type() + " " + (entity.ref() != null ? entity.ref() : entity.name()) + " " + entity.mentions()
                + " {" + String.join(",", entity.surfaceForms().stream().map(EntityAndTopicIntakeTest::pgText)
                        .toList()) + "}";
    }

    /** A text[] element as PostgreSQL prints it: quoted when it holds a space or a comma. */
    private static String pgText(String value) {
        return value.matches(".*[ ,{}\"].*") ? "\"" + value + "\"" : value;
    }
}
