package io.newsflow.store.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The observability contract's store meters, as Prometheus scrapes them, and the freshness figures of /stats. */
@QuarkusTest
class StoreMetricsTest extends StoreIntegrationTest {

    @Test
    void storingAnArticleAndDeadLetteringARecordShowInTheMetrics() {
        String before = scrape();
        Instant sent = Instant.now();
        EnrichedArticle article = Articles.fresh();
        String invalidKey = UUID.randomUUID().toString();

        topic.send(EnrichedTopic.raw(invalidKey, "not an event".getBytes(StandardCharsets.UTF_8)),
                EnrichedTopic.event(article));
        rows.awaitStored(article.id());
        String after = await().atMost(Duration.ofSeconds(30)).until(StoreMetricsTest::scrape,
                text -> value(text, "newsflow_store_articles_dead_lettered_total", "reason=\"invalid-event\"")
                        > value(before, "newsflow_store_articles_dead_lettered_total", "reason=\"invalid-event\""));

        assertThat(value(after, "newsflow_store_batches_total", "")).isGreaterThan(value(before,
                "newsflow_store_batches_total", ""));
        assertThat(value(after, "newsflow_store_articles_total", "outcome=\"inserted\""))
                .isGreaterThanOrEqualTo(value(before, "newsflow_store_articles_total", "outcome=\"inserted\"") + 1);
        assertThat(after).contains("newsflow_store_articles_total{outcome=\"updated\"}",
                "newsflow_store_articles_total{outcome=\"unchanged\"}",
                "newsflow_store_articles_dead_lettered_total{reason=\"refused-by-database\"}",
                "newsflow_errors_total{reason=\"database-unavailable\"}");
        assertThat(value(after, "newsflow_store_batch_size_records_count", "")).isPositive();
        assertThat(value(after, "newsflow_store_batch_size_records_sum", "")).isPositive();
        assertThat(value(after, "newsflow_store_commit_seconds_count", "")).isPositive();
        assertThat(value(after, "newsflow_store_commit_seconds_sum", "")).isPositive();
        assertThat(value(after, "newsflow_store_freshness_seconds_count", ""))
                .isGreaterThan(value(before, "newsflow_store_freshness_seconds_count", ""));
        // The golden event was fetched years ago. Its _sum is not asserted on: many tests store it, and the sum of
        // their years overflows the timer's nanosecond total.
        assertThat(value(after, "newsflow_store_freshness_seconds_max", ""))
                .as("the golden event was fetched long ago").isGreaterThan(Duration.ofDays(365).toSeconds());
        assertThat(after).contains("newsflow_store_freshness_seconds_bucket{le=");
        assertThat(value(after, "newsflow_errors_total", "reason=\"unstorable\"")).isPositive();
        assertThat(value(after, "newsflow_last_error", "reason=\"unstorable\""))
                .isGreaterThanOrEqualTo(sent.getEpochSecond());
        assertThat(value(after, "newsflow_ready", "")).as("every readiness check is UP").isEqualTo(1);
    }

    @Test
    void statsTellHowManyArticlesWereStoredInTheLastMinuteAndWhenTheLastWas() {
        Instant sent = Instant.now().minusSeconds(1);
        EnrichedArticle article = Articles.fresh();

        topic.send(EnrichedTopic.event(article));
        rows.awaitStored(article.id());

        JsonPath stats = given().get("/stats").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("storedLastMinute")).isBetween(1L, stats.getLong("articles"));
        assertThat(Instant.parse(stats.getString("lastStoredAt"))).isAfter(sent);
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels}; 0 when there is none. */
    private static double value(String scrape, String name, String labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            boolean sample = line.startsWith(name + "{") || line.startsWith(name + " ");
            if (sample && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
