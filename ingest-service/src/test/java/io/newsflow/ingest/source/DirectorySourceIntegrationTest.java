package io.newsflow.ingest.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.events.EventSchema;
import io.newsflow.ingest.RawTopic;
import io.newsflow.ingest.extract.HtmlArticleExtractorTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@TestProfile(DirectorySourceIntegrationTest.WatchedDirectory.class)
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class DirectorySourceIntegrationTest {

    /** Watches a fresh temporary folder; the test learns where from the status endpoint. */
    public static class WatchedDirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("ingest-watched-");
                dir.toFile().deleteOnExit();
                return Map.of("newsflow.ingest.directory.path", dir.toString(),
                        "newsflow.ingest.directory.poll-interval", "1s");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static JsonPath status() {
        return given().when().get("/sources/directory").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static String fileStatus(String file) {
        return status().getString("files.find { it.file == '" + file + "' }.status");
    }

    @Test
    void aSeedFileIsPublishedWithItsSourceAndReportedPublished() throws IOException {
        Path dir = Path.of(status().getString("path"));
        Path seed = dir.resolve(SeedParserTest.SEED_FILE);
        Path notes = dir.resolve("notes.md");
        try {
            Files.write(seed, SeedParserTest.seedBytes());
            Files.writeString(notes, "# Not an article");

            await().atMost(Duration.ofSeconds(30)).until(() -> "published".equals(fileStatus(SeedParserTest.SEED_FILE)));

            JsonPath status = status();
            List<String> ids = status.getList("files.find { it.file == '" + SeedParserTest.SEED_FILE + "' }.ids", String.class);
            assertThat(ids).hasSize(1);
            assertThat(status.getString("files.find { it.file == '" + SeedParserTest.SEED_FILE + "' }.error")).isNull();
            assertThat(fileStatus("notes.md")).isEqualTo("skipped");

            ConsumerRecord<String, byte[]> record = RawTopic.awaitRecord(companion, ids.get(0));
            JsonNode value = RawTopic.value(record);
            assertThat(EventSchema.RAW_ARTICLE.violations(value)).isEmpty();
            assertThat(value.get("source").get("type").asText()).isEqualTo("file");
            assertThat(value.get("source").get("name").asText()).isEqualTo("Newsweek");
            assertThat(value.get("title").asText()).isEqualTo(SeedParserTest.SEED_TITLE);
            assertThat(value.get("body").asText()).startsWith("Alexandre Loukachenko et Vladimir Poutine\n\nM. Poutine")
                    .endsWith("Source : Newsweek");

            // The same words posted over HTTP are the same article.
            given().contentType(ContentType.JSON)
                    .body(Map.of("title", value.get("title").asText(), "body", value.get("body").asText()))
                    .when().post("/articles")
                    .then().statusCode(202)
                    .body("ids[0]", is(ids.get(0)));
        } finally {
            Files.deleteIfExists(seed);
            Files.deleteIfExists(notes);
        }
    }

    @Test
    void anHtmlPageDroppedInTheFolderIsPublishedAsItsStory() throws IOException {
        Path dir = Path.of(status().getString("path"));
        Path page = dir.resolve("library.html");
        try {
            Files.write(page, HtmlArticleExtractorTest.fixture("story-2.html"));

            await().atMost(Duration.ofSeconds(30)).until(() -> "published".equals(fileStatus("library.html")));

            String id = status().getList("files.find { it.file == 'library.html' }.ids", String.class).get(0);
            JsonNode value = RawTopic.value(RawTopic.awaitRecord(companion, id));
            assertThat(EventSchema.RAW_ARTICLE.violations(value)).isEmpty();
            assertThat(value.get("title").asText()).isEqualTo("City library extends its opening hours");
            assertThat(value.get("body").asText()).startsWith("The city library will stay open").doesNotContain("SPONSORED");
            assertThat(value.get("authors").get(0).asText()).isEqualTo("Jonas Berg");
        } finally {
            Files.deleteIfExists(page);
        }
    }
}
