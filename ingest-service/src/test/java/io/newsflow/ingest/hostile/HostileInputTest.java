package io.newsflow.ingest.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.events.EventSchema;
import io.newsflow.ingest.RawTopic;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.feed.FeedFixtures;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.FeedProbe;
import io.newsflow.ingest.fetch.FetchSettings;
import io.newsflow.ingest.fetch.Fetcher;
import io.newsflow.ingest.fetch.FetcherTest;
import io.newsflow.ingest.fetch.FixtureServer;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.Vertx;

/**
 * Issue #7: more than a thousand generated hostile inputs against the running service — its HTTP API, its feed poller
 * and its watched directory — with a real Kafka behind it. Each must be refused exactly as the README documents, none
 * may get a server error, no record may reach the raw topic while they are sent, and the service must still accept a
 * valid article afterwards. The inputs derive from one seed ({@code -Dnewsflow.hostile.seed}, printed with the
 * summary table), so any failure can be replayed.
 */
@QuarkusTest
@TestProfile(HostileInputTest.Exposed.class)
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class HostileInputTest {

    static final String API_KEY = "hostile-suite-key-7f3c";
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    static final int MAX_ARTICLES = 10_000;
    static final long MAX_FILE_SIZE = 256 * 1024;
    static final int FETCH_MAX_BODY = 256 * 1024;
    static final int FETCH_READ_TIMEOUT_MS = 1000;
    static final int FETCH_TOTAL_TIMEOUT_MS = 2500;

    static final long SEED = Long.getLong("newsflow.hostile.seed", 20_261_124L);

    /*
     * What issue #7 asks for, per source. Each must have inputs of its own, and each source at least as many inputs as
     * the generators make today (741 + 170 + 177 = 1,088, over the 1,000 asked for), so a generator that quietly stops
     * producing a category, or produces fewer inputs, fails the suite instead of passing with less.
     */
    static final List<String> HTTP_CATEGORIES = List.of("http: truncated JSON", "http: malformed JSON",
            "http: wrong JSON types", "http: invalid UTF-8", "http: deeply nested JSON",
            "http: huge strings and batches", "http: compression bombs and encodings",
            "http: wrong or missing content type");
    static final List<String> FEED_CATEGORIES = List.of("feed: XXE", "feed: entity expansion",
            "feed: redirect to a private address", "feed: huge and endless responses", "feed: slow responses");
    static final List<String> FILE_CATEGORIES = List.of("file: binary", "file: empty", "file: huge",
            "file: symbolic links");
    static final int HTTP_INPUTS = 741;
    static final int FEED_INPUTS = 170;
    static final int FILE_INPUTS = 177;

    private static final Tally TALLY = new Tally();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The service as exposed in production — API keys on, private addresses refused, the production body limits — with
     * a watched folder and a small file-size limit, so the size refusal is cheap to provoke.
     */
    public static class Exposed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("ingest-hostile-");
                dir.toFile().deleteOnExit();
                return Map.of("newsflow.ingest.directory.path", dir.toString(),
                        "newsflow.ingest.directory.poll-interval", "500ms",
                        "newsflow.ingest.directory.max-file-size", MAX_FILE_SIZE + "B",
                        "newsflow.ingest.http.api-keys", API_KEY,
                        "newsflow.ingest.http.max-body-size", MAX_BODY_BYTES + "B",
                        "newsflow.ingest.http.max-articles-per-request", Integer.toString(MAX_ARTICLES),
                        "newsflow.fetch.allow-private", "false",
                        "%test.newsflow.fetch.allow-private", "false");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @TestHTTPResource("/")
    URL root;

    @Inject
    RawArticlePublisher publisher;

    @Inject
    IngestMetrics metrics;

    @Inject
    ArticleFactory factory;

    @AfterAll
    static void printSummary() {
        System.out.println(TALLY.table(SEED));
    }

    private long topicSize() {
        return RawTopic.endOffsets(companion).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void hostileRequestsAreRefusedAsDocumentedWithoutPublishingAnything() {
        List<HostileRequests.HttpCase> cases = new HostileRequests(SEED, API_KEY,
                new HostileRequests.MemoryLimits(MAX_BODY_BYTES, MAX_ARTICLES)).generate();
        Map<String, List<HostileRequests.HttpCase>> byCategory = cases.stream()
                .collect(Collectors.groupingBy(HostileRequests.HttpCase::category, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<HostileRequests.HttpCase>> category : byCategory.entrySet()) {
            long before = topicSize();
            category.getValue().forEach(this::send);
            TALLY.published(category.getKey(), topicSize() - before);
        }

        assertThat(TALLY.inputs("http")).isGreaterThanOrEqualTo(HTTP_INPUTS);
        HTTP_CATEGORIES.forEach(category -> assertThat(TALLY.inputs(category)).as(category).isPositive());
        assertThat(TALLY.mismatches("http")).isEmpty();
        assertThat(TALLY.serverErrors("http")).isZero();
        assertThat(TALLY.published("http")).isZero();
        theServiceStillAcceptsAValidArticle();
    }

    private void send(HostileRequests.HttpCase c) {
        RawHttp.Answer answer;
        try {
            answer = RawHttp.send(root.getPort(), c.method(), c.path(), c.headers(), c.body(), c.chunked());
        } catch (IOException e) {
            TALLY.record(c.category(), c.description(), false, false, "no answer: " + e);
            return;
        }
        String got = answer.status() + " " + answer.headers().get("content-type") + " " + abbreviated(answer.text());
        TALLY.record(c.category(), c.description(), refusedAsExpected(c, answer), answer.status() >= 500, got);
    }

    private static boolean refusedAsExpected(HostileRequests.HttpCase c, RawHttp.Answer answer) {
        if (HostileRequests.HTTP_LAYER.equals(c.type())) {
            return answer.status() == c.status();
        }
        String contentType = answer.headers().getOrDefault("content-type", "");
        if (answer.status() != c.status() || !contentType.startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (IOException e) {
            return false;
        }
        String type = problem.path("type").asText();
        boolean typeExpected = Arrays.stream(c.type().split("\\|")).anyMatch(expected ->
                type.equals(HostileRequests.ABOUT_BLANK.equals(expected) ? expected : "https://newsflow.io/problems/" + expected));
        if (!typeExpected || problem.path("status").asInt() != c.status()) {
            return false;
        }
        if (c.field() == null) {
            return true;
        }
        List<JsonNode> errors = new ArrayList<>();
        problem.path("errors").forEach(errors::add);
        if (c.field().startsWith("items ")) {
            String items = errors.stream().map(e -> e.path("item").asInt()).distinct().sorted().toList().toString();
            return c.field().equals("items " + items);
        }
        return errors.stream().anyMatch(e -> c.field().equals(e.path("field").asText()));
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private void theServiceStillAcceptsAValidArticle() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        String title = "Still standing " + SEED + " " + System.nanoTime();
        String id = given().contentType(ContentType.JSON).header("X-API-Key", API_KEY)
                .body(Map.of("title", title, "body", "The service took every hostile input and is still here."))
                .when().post("/articles")
                .then().statusCode(202)
                .extract().jsonPath().getString("ids[0]");
        JsonNode value = RawTopic.value(RawTopic.awaitRecord(companion, id));
        assertThat(value.get("title").asText()).isEqualTo(title);
        assertThat(EventSchema.RAW_ARTICLE.violations(value)).isEmpty();
    }

    @Test
    void hostileFeedsEndInErrorOrRefusedWithoutPublishingAnything() throws Exception {
        Vertx vertx = Vertx.vertx();
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        try (FixtureServer server = new FixtureServer()) {
            // This server listens on 127.0.0.1, which the test policy treats as public; every other private address is
            // refused as in production.
            server.serve("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
            List<HostileFeeds.FeedCase> cases = new HostileFeeds(server, SEED).generate();
            FeedPoller poller = pollerWithRobotsRead(vertx, server);

            long before = topicSize();
            List<Future<?>> polls = new ArrayList<>();
            for (HostileFeeds.FeedCase c : cases) {
                polls.add(pollers.submit(() -> {
                    FeedProbe.Outcome outcome;
                    try {
                        outcome = FeedProbe.pollOnce(poller, c.url());
                    } catch (RuntimeException e) {
                        TALLY.record(c.category(), c.description(), false, true, "the poll threw " + e);
                        return;
                    }
                    boolean expected = c.status().equals(outcome.status()) && outcome.published() == 0;
                    TALLY.published(c.category(), outcome.published());
                    TALLY.record(c.category(), c.description(), expected, false,
                            outcome.status() + " (" + outcome.error() + "), " + outcome.published() + " published");
                }));
            }
            for (Future<?> poll : polls) {
                poll.get();
            }
            long published = topicSize() - before;

            assertThat(TALLY.inputs("feed")).isGreaterThanOrEqualTo(FEED_INPUTS);
            FEED_CATEGORIES.forEach(category -> assertThat(TALLY.inputs(category)).as(category).isPositive());
            assertThat(TALLY.mismatches("feed")).isEmpty();
            assertThat(TALLY.serverErrors("feed")).isZero();
            assertThat(published).isZero();
            assertThat(server.requests()).extracting(FixtureServer.Request::path)
                    .noneMatch(path -> path.startsWith(HostileFeeds.PROBE));

            FeedFixtures.serveSite(server);
            FeedProbe.Outcome control = FeedProbe.pollOnce(poller, server.url(FeedFixtures.FEED));
            assertThat(control.status()).isEqualTo("ok");
            assertThat(control.published()).isEqualTo(3);
        } finally {
            pollers.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        theServiceStillAcceptsAValidArticle();
    }

    /**
     * A poller whose fetcher has read this server's robots.txt: a robots.txt that could not be read (the machine may be
     * busy) forbids the whole site for an hour, which would turn every poll here into a robots refusal.
     */
    private FeedPoller pollerWithRobotsRead(Vertx vertx, FixtureServer server) {
        FetchSettings settings = new io.newsflow.ingest.fetch.TestFetchSettings("newsflow-test/1.0 (+https://newsflow.io/bot)", false,
                Duration.ofSeconds(2), Duration.ofMillis(FETCH_READ_TIMEOUT_MS), Duration.ofMillis(FETCH_TOTAL_TIMEOUT_MS),
                FETCH_MAX_BODY, 3, Duration.ZERO, Duration.ofHours(1));
        server.serve("/warm-up.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
        for (int attempt = 0; ; attempt++) {
            FeedPoller poller = new FeedPoller(new Fetcher(vertx, settings, FetcherTest.onlyLoopbackOneIsPublic()),
                    factory, publisher, new io.newsflow.ingest.messaging.DeadLetters(null,
                            io.newsflow.ingest.feed.TestFeedSettings.defaults(100), metrics), metrics,
                    io.newsflow.ingest.feed.TestFeedSettings.defaults(100));
            FeedProbe.Outcome warmUp = FeedProbe.pollOnce(poller, server.url("/warm-up.xml"));
            if ("ok".equals(warmUp.status()) || attempt == 5) {
                assertThat(warmUp.status()).as("warm-up poll: %s", warmUp.error()).isEqualTo("ok");
                return poller;
            }
        }
    }

    private static JsonPath directory() {
        return given().header("X-API-Key", API_KEY).when().get("/sources/directory")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void hostileFilesInTheWatchedDirectoryFailWithoutPublishingAnything() throws Exception {
        Path watched = Path.of(directory().getString("path"));
        Path outside = Files.createTempDirectory("ingest-hostile-outside-");
        try {
            long before = topicSize();
            List<HostileFiles.FileCase> cases = new HostileFiles(watched, outside, MAX_FILE_SIZE, SEED).generate();

            // A file the scan never settles (a check that blocks on a FIFO or a device) is named when the wait ends.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, List<String>> files = files();
                assertThat(cases).as("files not settled yet")
                        .filteredOn(c -> !files.containsKey(c.file()) || files.get(c.file()).get(0).equals("pending"))
                        .extracting(c -> c.category() + " / " + c.description() + " (" + c.file() + ")").isEmpty();
            });
            // A few more scans, so a file that would be published late is caught too.
            Thread.sleep(1500);
            Map<String, List<String>> files = files();
            for (HostileFiles.FileCase c : cases) {
                List<String> got = files.get(c.file());
                TALLY.record(c.category(), c.description(), "failed".equals(got.get(0)), false, got.toString());
                TALLY.published(c.category(), "published".equals(got.get(0)) ? 1 : 0);
            }
            long published = topicSize() - before;

            assertThat(TALLY.inputs("file")).isGreaterThanOrEqualTo(FILE_INPUTS);
            FILE_CATEGORIES.forEach(category -> assertThat(TALLY.inputs(category)).as(category).isPositive());
            assertThat(TALLY.mismatches("file")).isEmpty();
            assertThat(published).isZero();

            String control = "control-" + SEED + ".txt";
            Files.writeString(watched.resolve(control), "Control headline " + System.nanoTime() + "\n\nThe folder is still watched.\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> files().containsKey(control)
                    && "published".equals(files().get(control).get(0)));
            theServiceStillAcceptsAValidArticle();
        } finally {
            for (Path dir : List.of(watched, outside)) {
                try (Stream<Path> entries = Files.walk(dir)) {
                    entries.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(watched)).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Each entry of the watched directory: its status and error. */
    private static Map<String, List<String>> files() {
        List<Map<String, Object>> files = directory().getList("files");
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        files.forEach(f -> statuses.put((String) f.get("file"), Arrays.asList((String) f.get("status"),
                (String) f.get("error"))));
        return statuses;
    }
}
