package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.events.CloudEventHeaders;
import io.newsflow.events.EventSchema;
import io.newsflow.ingest.RawTopic;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class ArticleResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static List<String> acceptedIds(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/articles")
                .then().statusCode(202).contentType(ContentType.JSON)
                .extract().jsonPath().getList("ids", String.class);
    }

    @Test
    void postingAnArticlePublishesItKeyedById() {
        String url = "https://news.example.org/monde/" + UUID.randomUUID();
        List<String> ids = acceptedIds("""
                {"url": "%s?utm_source=rss", "canonicalUrl": "%s#top", "title": "Poutine se rend en Biélorussie",
                 "body": "M. Poutine se rend en Biélorussie.\\n\\nLe président russe s'y rendra aujourd'hui.",
                 "summary": "Visite à Minsk", "authors": ["Rédaction"], "publishedAt": "2022-12-19T09:30:00+01:00",
                 "source": {"name": "Newsweek"}, "tags": ["ignored"]}
                """.formatted(url, url));

        assertThat(ids).containsExactly(ArticleIdentity.idOf(url, null, null));
        ConsumerRecord<String, byte[]> record = RawTopic.awaitRecord(companion, ids.get(0));
        JsonNode value = RawTopic.value(record);
        assertThat(EventSchema.RAW_ARTICLE.violations(value)).isEmpty();
        assertThat(value.get("id").asText()).isEqualTo(ids.get(0));
        assertThat(value.get("canonicalUrl").asText()).isEqualTo(url);
        assertThat(value.get("title").asText()).isEqualTo("Poutine se rend en Biélorussie");
        assertThat(value.get("publishedAt").asText()).isEqualTo("2022-12-19T08:30:00Z");
        assertThat(value.get("source").get("type").asText()).isEqualTo("http");
        assertThat(value.get("source").get("name").asText()).isEqualTo("Newsweek");
        assertThat(value.has("tags")).isFalse();
        assertThat(RawTopic.header(record, CloudEventHeaders.TYPE)).isEqualTo(EventSchema.RAW_ARTICLE.cloudEventType());
        assertThat(RawTopic.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/newsflow/ingest-service");
        assertThat(RawTopic.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(RawTopic.header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(RawTopic.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void postingTheSameArticleTwiceGivesTheSameId() {
        String marker = UUID.randomUUID().toString();
        List<String> first = acceptedIds("""
                {"title": "Minsk %s", "body": "Le président russe s'y rendra aujourd'hui."}
                """.formatted(marker));
        List<String> second = acceptedIds("""
                {"title": "  Minsk   %s ", "body": "Le président russe\\ns'y rendra  aujourd'hui.", "source": {"name": "AFP"}}
                """.formatted(marker));

        assertThat(second).isEqualTo(first);
        List<ConsumerRecord<String, byte[]>> records = RawTopic.awaitRecords(companion, first.get(0), 2);
        assertThat(records).extracting(r -> RawTopic.value(r).get("contentHash").asText()).containsOnly(
                ArticleIdentity.contentHash("Minsk " + marker, "Le président russe s'y rendra aujourd'hui."));
        assertThat(records).extracting(r -> RawTopic.value(r).get("source").get("name").asText()).containsExactly("http", "AFP");
    }

    @Test
    void anArrayIsAcceptedWithIdsInInputOrder() {
        String marker = UUID.randomUUID().toString();
        List<String> ids = acceptedIds("""
                [{"title": "First %1$s"}, {"body": "Second %1$s"}, {"canonicalUrl": "https://example.org/%1$s", "title": "Third"}]
                """.formatted(marker));

        assertThat(ids).containsExactly(
                ArticleIdentity.idOf(null, "First " + marker, ""),
                ArticleIdentity.idOf(null, "", "Second " + marker),
                ArticleIdentity.idOf("https://example.org/" + marker, null, null));
        ids.forEach(id -> assertThat(RawTopic.value(RawTopic.awaitRecord(companion, id)).get("id").asText()).isEqualTo(id));
    }

    @Test
    void anInvalidArticleIsRefusedWithAProblemNamingTheFieldAndNothingIsPublished() {
        Map<TopicPartition, Long> before = RawTopic.endOffsets(companion);
        String marker = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).body("""
                [{"title": "Valid %1$s", "body": "Fine."},
                 {"title": "Invalid %1$s", "url": "ftp://example.org/a", "publishedAt": "yesterday"},
                 {"authors": ["AFP"]}]
                """.formatted(marker))
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("type", endsWith("/invalid-articles"))
                .body("title", not(emptyOrNullString()))
                .body("instance", is("/articles"))
                .body("errors", hasSize(3))
                .body("errors.find { it.item == 1 && it.field == 'url' }.message", is("must be an absolute http or https URL"))
                .body("errors.find { it.item == 1 && it.field == 'publishedAt' }.message", not(emptyOrNullString()))
                .body("errors.find { it.item == 2 }.field", is("title"))
                .body("errors.item", not(hasItem(0)));

        // The valid first article must not have been sent either: the topic's end offsets stay where they were.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> RawTopic.endOffsets(companion).equals(before));
    }

    @Test
    void malformedJsonIsRefusedWithAProblem() {
        given().contentType(ContentType.JSON).body("{\"title\": \"Unfinished\", ")
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("type", endsWith("/malformed-json"))
                .body("detail", not(emptyOrNullString()))
                .body("instance", is("/articles"));
    }

    @Test
    void trailingGarbageAfterTheJsonIsMalformed() {
        given().contentType(ContentType.JSON).body("{\"title\": \"Complete\"} {\"title\": \"Another\"}")
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/malformed-json"));
    }

    @Test
    void aBodyThatIsNeitherAnObjectNorAnArrayIsRefused() {
        for (String body : List.of("\"an article\"", "42", "[]")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/articles")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/invalid-request"));
        }
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsRefusedWithAProblem() {
        given().contentType(ContentType.TEXT).body("title=hello")
                .when().post("/articles")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", is(415));
    }

    @Test
    void theDirectoryStatusIsNotFoundWhenNoDirectoryIsWatched() {
        given().when().get("/sources/directory")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("/directory-source-off"));
    }

    @Test
    void theServiceIsReadyOnceKafkaIsReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }

    private static byte[] ndjson(String lines) {
        return lines.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ndjsonIsAcceptedLineByLineWithIdsInInputOrder() {
        String marker = UUID.randomUUID().toString();
        List<String> ids = given().contentType("application/x-ndjson")
                .body(ndjson("{\"title\": \"One %1$s\"}\n\n{\"title\": \"Two %1$s\", \"body\": \"Text.\"}\r\n{\"body\": \"Three %1$s\"}\n"
                        .formatted(marker)))
                .when().post("/articles")
                .then().statusCode(202).contentType(ContentType.JSON)
                .body("refused", nullValue())
                .extract().jsonPath().getList("ids", String.class);

        assertThat(ids).containsExactly(
                ArticleIdentity.idOf(null, "One " + marker, ""),
                ArticleIdentity.idOf(null, "Two " + marker, "Text."),
                ArticleIdentity.idOf(null, "", "Three " + marker));
        JsonNode third = RawTopic.value(RawTopic.awaitRecord(companion, ids.get(2)));
        assertThat(EventSchema.RAW_ARTICLE.violations(third)).isEmpty();
    }

    @Test
    void anNdjsonLineThatIsNotJsonIsReportedByItsItemIndexAndNothingIsPublished() {
        Map<TopicPartition, Long> before = RawTopic.endOffsets(companion);

        given().contentType("application/x-ndjson")
                .body(ndjson("{\"title\": \"Fine\"}\n{\"title\": oops}\n{\"url\": \"nope\", \"title\": \"t\"}\n"))
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-articles"))
                .body("errors", hasSize(2))
                .body("errors[0].item", is(1))
                .body("errors[0].message", containsString("not valid JSON"))
                .body("errors[1].item", is(2))
                .body("errors[1].field", is("url"));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
                .until(() -> RawTopic.endOffsets(companion).equals(before));
    }

    @Test
    void withPartialAcceptanceTheValidArticlesArePublishedAndTheRefusedListed() {
        String marker = UUID.randomUUID().toString();
        JsonPath answer = given().contentType(ContentType.JSON).queryParam("partial", true)
                .body("""
                        [{"title": "Kept %1$s"}, {"title": "Refused", "publishedAt": "yesterday"}, {"body": "Also kept %1$s"}]
                        """.formatted(marker))
                .when().post("/articles")
                .then().statusCode(202).contentType(ContentType.JSON)
                .extract().jsonPath();

        List<String> ids = answer.getList("ids", String.class);
        assertThat(ids).containsExactly(ArticleIdentity.idOf(null, "Kept " + marker, ""), null,
                ArticleIdentity.idOf(null, "", "Also kept " + marker));
        assertThat(answer.getInt("refused[0].item")).isEqualTo(1);
        assertThat(answer.getString("refused[0].field")).isEqualTo("publishedAt");
        assertThat(answer.getList("refused")).hasSize(1);
        RawTopic.awaitRecord(companion, ids.get(0));
        RawTopic.awaitRecord(companion, ids.get(2));
    }

    @Test
    void acceptedAndRefusedArticlesAreCountedPerSource() {
        double acceptedBefore = articleCount("accepted");
        double refusedBefore = articleCount("refused");

        given().contentType(ContentType.JSON).queryParam("partial", true)
                .body("[{\"title\": \"Counted %s\"}, {\"url\": \"nope\"}]".formatted(UUID.randomUUID()))
                .when().post("/articles")
                .then().statusCode(202);

        assertThat(articleCount("accepted")).isEqualTo(acceptedBefore + 1);
        assertThat(articleCount("refused")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void afterOneArticleIsPostedTheMetricsShowItReceivedAndPublished() {
        double received = metric("newsflow_ingest_articles_received_total", "source=\"http\"");
        double published = metric("newsflow_ingest_articles_published_total", "source=\"http\"");
        double refused = metric("newsflow_ingest_articles_refused_total", "reason=\"invalid\"", "source=\"http\"");
        double problems = metric("newsflow_ingest_http_problems_total", "type=\"invalid-articles\"");

        acceptedIds("{\"title\": \"Measured %s\"}".formatted(UUID.randomUUID()));
        given().contentType(ContentType.JSON).body("{\"url\": \"nope\"}").when().post("/articles").then().statusCode(400);

        assertThat(metric("newsflow_ingest_articles_received_total", "source=\"http\"")).isEqualTo(received + 2).isPositive();
        assertThat(metric("newsflow_ingest_articles_published_total", "source=\"http\"")).isEqualTo(published + 1).isPositive();
        assertThat(metric("newsflow_ingest_articles_refused_total", "reason=\"invalid\"", "source=\"http\"")).isEqualTo(refused + 1);
        assertThat(metric("newsflow_ingest_http_problems_total", "type=\"invalid-articles\"")).isEqualTo(problems + 1);
        String exported = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String reason : List.of("publish-failed", "file-refused", "feed-failed")) {
            assertThat(exported).contains("newsflow_errors_total{reason=\"" + reason + "\"}")
                    .contains("newsflow_last_error{reason=\"" + reason + "\"}");
        }
        assertThat(exported).as("every readiness check is UP").containsPattern("(?m)^newsflow_ready 1\\.0$");
    }

    /** The value of the first exported series of {@code name} carrying every one of {@code labels}; 0 when absent. */
    private static double metric(String name, String... labels) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static double articleCount(String outcome) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("newsflow_ingest_articles_total{") && l.contains("outcome=\"" + outcome + "\"")
                        && l.contains("source=\"http\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void partialAcceptanceWithNothingValidIsStillRefused() {
        given().contentType(ContentType.JSON).queryParam("partial", true)
                .body("[{\"url\": \"nope\"}]")
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-articles"));
    }

    @Test
    void moreThanTenThousandNdjsonArticlesAreRefused() {
        String body = "{\"title\": \"t\"}\n".repeat(10_001);

        given().contentType("application/x-ndjson").body(ndjson(body))
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-request"))
                .body("detail", containsString("10000"));
    }
}
