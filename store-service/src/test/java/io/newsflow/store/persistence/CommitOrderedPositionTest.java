package io.newsflow.store.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topics;
import io.newsflow.store.Articles;
import io.newsflow.store.StoreIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A client that polls GET /articles for what is new misses nothing, however the storing transactions interleave: a
 * slow transaction started first commits last, while the consumer's writers store and commit other articles
 * concurrently. By stored_at (each transaction's start) the slow article would come before articles the client has
 * already seen; by position it is never behind one.
 */
@QuarkusTest
class CommitOrderedPositionTest extends StoreIntegrationTest {

    @Inject
    ArticleWriter writer;

    @Inject
    UserTransaction transaction;

    @Test
    void aClientPollingByPositionGetsTheArticleOfASlowTransactionThatCommittedLast() throws Exception {
        // The source, entities and topics of the articles below exist first: a new one inserted by the open
        // transaction would make the other writers wait for it.
        EnrichedArticle known = Articles.fresh();
        topic.send(new ProducerRecord<>(Topics.ENRICHED, known.id(), EventCodec.encode(known)));
        rows.awaitStored(known.id());
        String start = listing(null).getString("position");
        assertThat(start).as("a listing says where it ends").isNotBlank();

        EnrichedArticle slow = Articles.fresh();
        List<EnrichedArticle> fast = new ArrayList<>();
        transaction.begin();
        try {
            writer.store(List.of(ReceivedArticle.decode(EventCodec.encode(slow))));

            // Spread over the partitions, stored by the consumer's concurrent writers, each committing at once.
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                EnrichedArticle article = Articles.fresh();
                fast.add(article);
                records.add(new ProducerRecord<>(Topics.ENRICHED, article.id(), EventCodec.encode(article)));
            }
            topic.send(records.toArray(ProducerRecord[]::new));
            for (EnrichedArticle article : fast) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> given().get("/articles/{id}", article.id()).statusCode() == 200);
            }

            List<String> seenMeanwhile = listing(start).getList("items.id");
            assertThat(seenMeanwhile).as("stored after a transaction still open: not listed yet")
                    .doesNotContainAnyElementsOf(ids(fast)).doesNotContain(slow.id());
        } finally {
            transaction.commit();
        }

        JsonPath afterCommit = listing(start);
        assertThat(afterCommit.getList("items.id", String.class)).containsAll(ids(fast)).contains(slow.id());
        String next = afterCommit.getString("position");
        assertThat(listing(next).getList("items.id", String.class))
                .as("nothing is listed twice").doesNotContainAnyElementsOf(ids(fast)).doesNotContain(slow.id());
    }

    private static JsonPath listing(String after) {
        var request = given().queryParam("limit", 500);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        return request.get("/articles").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(List<EnrichedArticle> articles) {
        return articles.stream().map(EnrichedArticle::id).toList();
    }
}
