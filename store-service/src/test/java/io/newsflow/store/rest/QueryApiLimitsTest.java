package io.newsflow.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.newsflow.store.persistence.ArticleRepository;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one request may cost the store: the API reads as the read-only role on a pool of its own (3 connections in
 * the test profile, 1 s to get one), its statements end after 2 s, and the counted periods are bounded.
 */
@QuarkusTest
class QueryApiLimitsTest extends StoreIntegrationTest {

    @Inject
    @io.quarkus.agroal.DataSource(ArticleRepository.READER)
    DataSource readerPool;

    @ConfigProperty(name = "quarkus.datasource.reader.jdbc.max-size")
    int readerPoolSize;

    @Test
    void theApiReadsAsTheReadOnlyRoleNotAsTheSchemaOwner() {
        EnrichedArticle article = Articles.fresh();
        topic.send(EnrichedTopic.event(article));
        rows.awaitStored(article.id());
        given().get("/articles/{id}", article.id()).then().statusCode(200);

        rows.execute("REVOKE SELECT ON articles FROM newsflow_reader");
        try {
            given().get("/articles/{id}", article.id()).then().statusCode(503);
        } finally {
            rows.execute("GRANT SELECT ON articles TO newsflow_reader");
        }
        given().get("/articles/{id}", article.id()).then().statusCode(200);
    }

    @Test
    void aCountedPeriodLongerThanTheLimitIsRefusedWithAProblem() {
        for (String path : List.of("/entities/top", "/topics/counts")) {
            given().queryParam("since", "0001-01-01").get(path)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(Problem.INVALID_REQUEST))
                    .body("errors[0].field", equalTo("since"))
                    .body("errors[0].message", containsString("31 days"));
            String withinLimit = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
            given().queryParam("since", withinLimit).get(path).then().statusCode(200);
        }
    }

    @Test
    void aSaturatedApiPoolAnswers503WithRetryAfterWhileArticlesAreStillStored() throws SQLException {
        List<Connection> held = new ArrayList<>();
        EnrichedArticle article = Articles.fresh();
        try {
            for (int i = 0; i < readerPoolSize; i++) {
                held.add(readerPool.getConnection());
            }
            Instant asked = Instant.now();
            given().get("/stats")
                    .then().statusCode(503).contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo(Problem.UNAVAILABLE));
            assertThat(Duration.between(asked, Instant.now())).as("answered within the acquisition timeout")
                    .isLessThan(Duration.ofSeconds(5));
            given().get("/articles").then().statusCode(503).header("Retry-After", equalTo("5"));

            topic.send(EnrichedTopic.event(article));
            rows.awaitStored(article.id());
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        given().get("/articles/{id}", article.id()).then().statusCode(200);
    }

    @Test
    void aReadBlockedInTheDatabaseEndsAtTheApiStatementTimeoutWith503() throws SQLException {
        try (Connection blocker = ownerConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
            }
            Instant asked = Instant.now();
            given().get("/stats").then().statusCode(503).header("Retry-After", notNullValue());
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(10));
            blocker.rollback();
        }
        given().get("/stats").then().statusCode(200);
    }
}
