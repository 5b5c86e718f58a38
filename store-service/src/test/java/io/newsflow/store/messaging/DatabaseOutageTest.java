package io.newsflow.store.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;



import org.junit.jupiter.api.Test;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.newsflow.store.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** PostgreSQL really stopped — connections refused — while articles keep arriving. */
@QuarkusTest
class DatabaseOutageTest extends StoreIntegrationTest {

    /** How long the server stays down; {@code -Dstore.outage.seconds=N} to try another. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("store.outage.seconds", 30));
    private static final Duration SEND_INTERVAL = Duration.ofMillis(200);

    @Test
    void articlesSentWhilePostgresIsStoppedAreAllStoredOnceItIsBack() throws Exception {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean flowing = new AtomicBoolean(true);
        CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
            while (flowing.get()) {
                EnrichedArticle article = Articles.fresh();
                topic.send(EnrichedTopic.event(article));
                sent.add(new Sent(article.id(), Instant.now()));
                sleep(SEND_INTERVAL);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= 3);
        rows.awaitStored(sent.get(0).id());
        Instant down = Instant.now();
        TestDatabase.takeDown();
        Instant back;
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'article-intake' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'article-intake' }.data.waitingForDatabase", equalTo(true)));
            // What Prometheus sees of it: /q/metrics still answers, and says the service is not ready. Liveness does
            // not depend on the database: an orchestrator must not restart the service for the database's outage.
            assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .containsPattern("(?m)^newsflow_ready(\\{[^}]*})? 0\\.0$");
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            sleep(Duration.between(Instant.now(), down.plus(OUTAGE)));
        } finally {
            TestDatabase.bringBack();
            back = Instant.now();
        }
        sleep(Duration.ofSeconds(2));
        flowing.set(false);
        flow.get(30, TimeUnit.SECONDS);

        List<String> ids = sent.stream().map(Sent::id).toList();
        long sentWhileDown = sent.stream().filter(s -> s.at().isAfter(down) && s.at().isBefore(back)).count();
        // Some articles must have been sent during the outage for the test to show anything; how many depends on how
        // busy the machine is (the sender blocks on the broker), so the bar is a handful, not a rate.
        assertThat(sentWhileDown).as("articles sent while the database was down").isGreaterThanOrEqualTo(5);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows.countStored(ids))
                .isEqualTo(ids.size()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'article-intake' }.status", equalTo("UP")));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("(?m)^newsflow_ready(\\{[^}]*})? 1\\.0$");
        topic.deadLetters(new HashSet<>(ids)).awaitNoRecords(Duration.ofSeconds(3));
    }

    private record Sent(String id, Instant at) {
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
