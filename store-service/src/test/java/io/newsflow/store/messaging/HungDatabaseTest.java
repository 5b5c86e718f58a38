package io.newsflow.store.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A database that answers nothing instead of failing: a table locked by a transaction that never ends, a server
 * process that is stopped. Every write is bounded (statement_timeout, the driver's socket timeout; 6 s and 8 s in
 * the test profile), and readiness goes down as soon as a batch has been written for longer than
 * {@code newsflow.store.stall-after} (2 s in the test profile), before any timeout fires.
 */
@QuarkusTest
class HungDatabaseTest extends StoreIntegrationTest {

    @Test
    void aWriteBlockedByALockIsReportedStalledThenCancelledAndStoredOnceTheLockGoes() throws SQLException {
        EnrichedArticle article = Articles.fresh();
        try (Connection blocker = ownerConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
            }
            topic.send(EnrichedTopic.event(article));

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then().statusCode(503)
                            .body("checks.find { it.name == 'article-intake' }.data.stalled", equalTo(true))
                            .body("checks.find { it.name == 'article-intake' }.data.article", equalTo(article.id()))
                            .body("checks.find { it.name == 'article-intake' }.data.partitions",
                                    containsString("news.articles.enriched.v1-" + EnrichedTopic.ORDERED)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'article-intake' }.data.waitingForDatabase", equalTo(true))
                    .body("checks.find { it.name == 'article-intake' }.data.lastError",
                            containsString("statement timeout")));
            blocker.rollback();
        }

        rows.awaitStored(article.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'article-intake' }.status", equalTo("UP")));
        topic.deadLetters(Set.of(article.id())).awaitNoRecords(Duration.ofSeconds(3));
    }

    /**
     * The server processes behind the service's pooled connections stopped (SIGSTOP): they hold their sockets open
     * and answer nothing, as a server behind a network that drops packets does, and no statement_timeout can fire.
     * The driver's socket timeout abandons each such connection and the write is retried on a new one.
     */
    @Test
    void aWriteOnAConnectionWhoseServerHangsIsAbandonedAndRetriedOnAnother() throws Exception {
        EnrichedArticle warmUp = Articles.fresh();
        topic.send(EnrichedTopic.event(warmUp));
        rows.awaitStored(warmUp.id());

        EnrichedArticle article = Articles.fresh();
        List<String> stopped = new ArrayList<>();
        try (Connection observer = ownerConnection()) {
            try (Statement statement = observer.createStatement();
                    ResultSet backends = statement.executeQuery("""
                            SELECT pid FROM pg_stat_activity
                            WHERE datname = current_database() AND usename = current_user
                              AND backend_type = 'client backend' AND pid <> pg_backend_pid()""")) {
                while (backends.next()) {
                    stopped.add(backends.getString(1));
                }
            }
            assertThat(stopped).as("the service's pooled connections").isNotEmpty();
            signal("-STOP", stopped);
            try {
                // Readiness is not asked here: its datasource check takes a pooled connection too, and waits on a
                // stopped one like the writer (an orchestrator's probe times out, which counts as not ready).
                topic.send(EnrichedTopic.event(article));
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(observer, article.id()));
            } finally {
                signal("-CONT", stopped);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'article-intake' }.status", equalTo("UP")));
        topic.deadLetters(Set.of(article.id())).awaitNoRecords(Duration.ofSeconds(3));
    }

    /** Looked up on the test's own connection: the service's pool may hold only stopped ones. */
    private static boolean stored(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM articles WHERE id = ?")) {
            statement.setObject(1, UUID.fromString(id));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        }
    }

    private static void signal(String signal, List<String> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        assertThat(kill.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
