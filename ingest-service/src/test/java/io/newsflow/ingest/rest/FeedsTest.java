package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.events.EventSchema;
import io.newsflow.ingest.RawTopic;
import io.newsflow.ingest.feed.Feed;
import io.newsflow.ingest.feed.FeedFixtures;
import io.newsflow.ingest.fetch.FixtureServer;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class FeedsTest {

    private static final String FEEDS_TOPIC = "newsflow.feeds.v1";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private FixtureServer site;

    @BeforeEach
    void startSite() throws Exception {
        site = new FixtureServer();
        FeedFixtures.serveSite(site);
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    /** Registers a feed, waiting out the few seconds after startup while the registrations topic is being read. */
    private static String register(String url) {
        Response response = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().contentType(ContentType.JSON).body(Map.of("url", url, "intervalSeconds", 300)).when().post("/feeds"),
                r -> r.statusCode() != 503);
        String id = Feed.idOf(url);
        response.then().statusCode(201)
                .header("Location", endsWith("/feeds/" + id))
                .body("id", is(id))
                .body("url", is(url))
                .body("intervalSeconds", is(300))
                .body("origin", is("api"));
        return id;
    }

    private static JsonPath feed(String id) {
        return given().when().get("/feeds/" + id).then().statusCode(200).extract().jsonPath();
    }

    private List<ConsumerRecord<String, String>> registrations(String id, int count) {
        try (ConsumerTask<String, String> task = companion.consume(String.class, String.class)
                .fromTopics(FEEDS_TOPIC, records -> records.filter(r -> id.equals(r.key())).select().first(count))) {
            task.awaitCompletion(Duration.ofSeconds(30));
            return task.getRecords();
        }
    }

    @Test
    void aRegisteredFeedEndsAsOneStoredArticlePerItemWithTheStoryTextAuthorsAndDates() {
        String feedUrl = site.url(FeedFixtures.FEED);
        String id = register(feedUrl);

        await().atMost(Duration.ofSeconds(30)).until(() -> "ok".equals(feed(id).getString("status")));
        JsonPath status = feed(id);
        assertThat(status.getInt("itemsSeen")).isEqualTo(3);
        assertThat(status.getInt("articlesPublished")).isEqualTo(3);
        assertThat(status.getString("lastPollAt")).isNotNull();
        assertThat(status.getString("error")).isNull();

        Map<String, String> expected = Map.of(
                site.url("/news/harbour-reopens"), "The port authority reopened the harbour",
                site.url("/news/story-2"), "The city library will stay open until ten",
                site.url("/news/story-3"), "The rail line to the valley will reopen in May");
        for (Map.Entry<String, String> story : expected.entrySet()) {
            JsonNode article = RawTopic.value(RawTopic.awaitRecord(companion, ArticleIdentity.idOf(story.getKey(), null, null)));
            assertThat(EventSchema.RAW_ARTICLE.violations(article)).isEmpty();
            assertThat(article.get("canonicalUrl").asText()).isEqualTo(story.getKey());
            assertThat(article.get("body").asText()).startsWith(story.getValue())
                    .doesNotContain("Subscribe").doesNotContain("ADVERTISEMENT").doesNotContain("SPONSORED")
                    .doesNotContain("newsletter").doesNotContain("rights reserved").doesNotContain("Terms of use");
            assertThat(article.get("authors")).isNotEmpty();
            assertThat(Instant.parse(article.get("publishedAt").asText())).isAfter(Instant.parse("2024-03-01T00:00:00Z"));
            assertThat(article.get("source").get("type").asText()).isEqualTo("feed");
            assertThat(article.get("source").get("feedUrl").asText()).isEqualTo(feedUrl);
        }
        given().when().delete("/feeds/" + id).then().statusCode(204);
    }

    @Test
    void aRegistrationIsKeptOnTheCompactedTopicAndADeletionLeavesATombstone() throws Exception {
        String feedUrl = site.url("/registered-only.xml");
        String id = register(feedUrl);
        given().when().get("/feeds").then().statusCode(200).body("id", hasItem(id));

        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, FEEDS_TOPIC);
        Config config = companion.getOrCreateAdminClient().describeConfigs(List.of(topic)).all().get().get(topic);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");

        given().when().delete("/feeds/" + id).then().statusCode(204);
        given().when().get("/feeds/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("/feed-not-found"));

        List<ConsumerRecord<String, String>> records = registrations(id, 2);
        assertThat(records.get(0).value()).contains(feedUrl);
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void anInvalidRegistrationIsRefusedWithAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/feed.xml", "intervalSeconds", 0))
                .when().post("/feeds")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-feed"))
                .body("errors.field", hasItem("url"))
                .body("errors.field", hasItem("intervalSeconds"));
        given().contentType(ContentType.JSON).body("{\"url\": ")
                .when().post("/feeds")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/malformed-json"));
        given().when().delete("/feeds/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
