package io.newsflow.store.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;



import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.events.CloudEventHeaders;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.Topics;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.newsflow.store.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
class EnrichedArticleIntakeTest extends StoreIntegrationTest {

    @Test
    void anEnrichedArticleIsStoredAndServedAsReceived() throws Exception {
        EnrichedArticle article = Articles.fresh();

        topic.send(EnrichedTopic.event(article));
        rows.awaitStored(article.id());

        String body = given().get("/articles/{id}", article.id())
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
        EnrichedArticle served = EventCodec.mapper().readValue(body, EnrichedArticle.class);
        assertThat(served).usingRecursiveComparison().isEqualTo(article);
        assertThat(served).isEqualTo(article);

        JsonNode tree = EventCodec.mapper().readTree(body);
        assertThat(tree).isEqualTo(EventCodec.mapper().readTree(EventCodec.encode(article)));
        assertThat(EventSchema.ENRICHED_ARTICLE.violations(tree)).isEmpty();
        List<String> fieldOrder = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fieldOrder::add);
        assertThat(fieldOrder).containsExactly(Arrays.stream(EnrichedArticle.class.getRecordComponents())
                .map(c -> c.getName()).toArray(String[]::new));
    }

    @Test
    void theStoredEventIsTheOneReceived() throws Exception {
        EnrichedArticle article = Articles.fresh();
        byte[] received = EventCodec.encode(article);

        topic.send(EnrichedTopic.raw(article.id(), received));
        rows.awaitStored(article.id());

        assertThat(EventCodec.mapper().readTree(rows.event(article.id())))
                .isEqualTo(EventCodec.mapper().readTree(received));
    }

    @Test
    void theSameEventDeliveredThreeTimesLeavesOneRow() {
        EnrichedArticle article = Articles.fresh();
        EnrichedArticle after = Articles.fresh();

        topic.send(EnrichedTopic.event(article), EnrichedTopic.event(article), EnrichedTopic.event(article),
                EnrichedTopic.event(after));
        rows.awaitStored(after.id());

        assertThat(rows.count(article.id())).isEqualTo(1);
        StoredRows.Row row = rows.find(article.id()).orElseThrow();
        assertThat(row.updatedAt()).as("a redelivery does not even rewrite the row").isEqualTo(row.storedAt());
    }

    @Test
    void aNewerEnrichmentReplacesAnOlderOneButNotTheReverse() throws Exception {
        EnrichedArticle base = Articles.fresh();
        Instant enrichedAt = base.enrichment().enrichedAt();
        EnrichedArticle older = Articles.enriched(base, "1.0.0", enrichedAt);
        EnrichedArticle newer = Articles.enriched(base, "2.0.0", enrichedAt.plusSeconds(60));

        topic.send(EnrichedTopic.event(older));
        StoredRows.Row first = rows.awaitStored(base.id());
        assertThat(first.enrichmentVersion()).isEqualTo("1.0.0");

        topic.send(EnrichedTopic.event(newer));
        StoredRows.Row replaced = await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.find(base.id()).orElseThrow(), r -> r.enrichmentVersion().equals("2.0.0"));
        assertThat(replaced.storedAt()).as("stored_at keeps the first store").isEqualTo(first.storedAt());
        assertThat(replaced.updatedAt()).isAfter(first.updatedAt());

        EnrichedArticle after = Articles.fresh();
        topic.send(EnrichedTopic.event(older), EnrichedTopic.event(after));
        rows.awaitStored(after.id());

        assertThat(rows.find(base.id())).contains(replaced);
        String served = given().get("/articles/{id}", base.id()).then().statusCode(200).extract().asString();
        assertThat(EventCodec.mapper().readValue(served, EnrichedArticle.class)).isEqualTo(newer);
    }

    /**
     * A redrive or a re-enrichment of an old raw record brings an older text of the article, enriched later than the
     * stored newer text: the content's own version decides, not the time of enrichment.
     */
    @Test
    void aReplayedOlderVersionEnrichedLaterDoesNotReplaceTheNewerText() throws Exception {
        EnrichedArticle base = Articles.fresh();
        Instant fetchedAt = base.fetchedAt();
        Instant enrichedAt = base.enrichment().enrichedAt();
        EnrichedArticle oldText = Articles.version(base, "First text", fetchedAt, enrichedAt);
        EnrichedArticle newText = Articles.version(base, "Corrected text", fetchedAt.plusSeconds(3_600),
                enrichedAt.plusSeconds(3_600));
        EnrichedArticle replayedOldText = Articles.version(base, "First text", fetchedAt,
                enrichedAt.plusSeconds(7_200));
        EnrichedArticle reenrichedNewText = Articles.version(base, "Corrected text", fetchedAt.plusSeconds(3_600),
                enrichedAt.plusSeconds(9_000));

        topic.send(EnrichedTopic.event(oldText));
        rows.awaitStored(base.id());
        topic.send(EnrichedTopic.event(newText));
        await().atMost(Duration.ofSeconds(30)).until(() -> served(base.id()).equals(newText));

        EnrichedArticle after = Articles.fresh();
        topic.send(EnrichedTopic.event(replayedOldText), EnrichedTopic.event(after));
        rows.awaitStored(after.id());
        assertThat(served(base.id())).as("the replay of the older text is ignored").isEqualTo(newText);

        // In one batch too: the newer text wins whatever the order of the records.
        EnrichedArticle other = Articles.fresh();
        EnrichedArticle otherNew = Articles.version(other, "Corrected text", other.fetchedAt().plusSeconds(60),
                other.enrichment().enrichedAt());
        EnrichedArticle otherReplayed = Articles.version(other, "First text", other.fetchedAt(),
                other.enrichment().enrichedAt().plusSeconds(600));
        topic.send(EnrichedTopic.event(otherNew), EnrichedTopic.event(otherReplayed));
        rows.awaitStored(other.id());

        // A later enrichment of the same fetch still replaces it: a re-enrichment after an upgrade.
        topic.send(EnrichedTopic.event(reenrichedNewText));
        await().atMost(Duration.ofSeconds(30)).until(() -> served(base.id()).equals(reenrichedNewText));
        assertThat(served(other.id())).isEqualTo(otherNew);
    }

    private static EnrichedArticle served(String id) throws Exception {
        String body = given().get("/articles/{id}", id).then().statusCode(200).extract().asString();
        return EventCodec.mapper().readValue(body, EnrichedArticle.class);
    }

    @Test
    void aRecordThatCannotBeStoredGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String notJsonKey = UUID.randomUUID().toString();
        byte[] notJson = "this is not an event".getBytes(StandardCharsets.UTF_8);
        EnrichedArticle outOfRange = Articles.fresh();
        ObjectNode tree = (ObjectNode) EventCodec.toTree(outOfRange);
        ((ObjectNode) tree.get("language")).put("confidence", 1.7);
        byte[] invalid = EventCodec.mapper().writeValueAsBytes(tree);
        EnrichedArticle refused = Articles.titled(Articles.fresh(), "A NUL \u0000 in a title: valid JSON, not text");
        byte[] refusedBytes = EventCodec.encode(refused);
        EnrichedArticle after = Articles.fresh();

        topic.send(EnrichedTopic.raw(notJsonKey, notJson), EnrichedTopic.raw(outOfRange.id(), invalid),
                EnrichedTopic.raw(refused.id(), refusedBytes), EnrichedTopic.event(after));

        rows.awaitStored(after.id());
        assertThat(rows.count(outOfRange.id())).isZero();
        assertThat(rows.count(refused.id())).isZero();

        Map<String, ConsumerRecord<String, byte[]>> deadLetters = topic
                .deadLetters(Set.of(notJsonKey, outOfRange.id(), refused.id()))
                .awaitRecords(3, Duration.ofSeconds(30))
                .getRecords().stream()
                .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));

        assertThat(deadLetters.get(notJsonKey).value()).isEqualTo(notJson);
        assertThat(reason(deadLetters.get(notJsonKey))).contains("Not a valid EnrichedArticle", "not JSON");

        assertThat(deadLetters.get(outOfRange.id()).value()).isEqualTo(invalid);
        assertThat(reason(deadLetters.get(outOfRange.id())))
                .contains("Not a valid EnrichedArticle", "$.language.confidence");

        assertThat(deadLetters.get(refused.id()).value()).isEqualTo(refusedBytes);
        assertThat(reason(deadLetters.get(refused.id())))
                .contains("The database refuses article " + refused.id(), "\\u0000");

        deadLetters.values().forEach(r -> assertThat(header(r, CloudEventHeaders.DEAD_LETTER_TOPIC))
                .isEqualTo(Topics.ENRICHED));
    }

    @Test
    void anUnavailableDatabaseHoldsTheStreamInsteadOfDeadLetteringIt() {
        EnrichedArticle article = Articles.fresh();

        rows.execute("ALTER TABLE articles RENAME TO articles_away");
        try {
            topic.send(EnrichedTopic.event(article));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'article-intake' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'article-intake' }.data.article", equalTo(article.id()))
                    .body("checks.find { it.name == 'article-intake' }.data.retries", greaterThanOrEqualTo(3)));
        } finally {
            rows.execute("ALTER TABLE articles_away RENAME TO articles");
        }

        rows.awaitStored(article.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'article-intake' }.status", equalTo("UP")));
        topic.deadLetters(Set.of(article.id())).awaitNoRecords(Duration.ofSeconds(5));
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return header(record, CloudEventHeaders.DEAD_LETTER_REASON);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return KafkaCompanion.getHeader(record.headers(), name);
    }
}
