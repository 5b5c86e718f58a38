package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.reenrich.Reenrich;
import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;

/**
 * The whole chain as operators run it: the three packaged services as separate processes, over a real Kafka broker and
 * a real PostgreSQL server from devstack. Articles go in through ingest (HTTP and the watched folder) and must come
 * back, enriched, from the store API.
 */
class PipelineIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static Stack stack;
    private static Path inbox;

    @BeforeAll
    static void startTheStack() throws IOException {
        Path root = Path.of(System.getProperty("newsflow.root", "..")).toAbsolutePath().normalize();
        inbox = Files.createDirectories(work.resolve("inbox"));
        StackSettings settings = new StackSettings(root, work.resolve("home"), freePort(), freePort(), freePort(), 0, 0,
                Optional.of(inbox));
        // The feed test serves its feed from this machine, which ingest refuses unless private addresses are allowed.
        stack = Stack.start(settings, Map.of(
                "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "WARN",
                "NEWSFLOW_FETCH_ALLOW_PRIVATE", "true",
                "NEWSFLOW_FETCH_PER_HOST_INTERVAL", "20ms"),
                message -> System.out.println("[stack] " + message));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anArticlePostedToIngestIsServedEnrichedByTheStore() throws Exception {
        String title = "Le gouvernement présente son budget " + UUID.randomUUID();
        String id = post(article(title));

        JsonNode stored = awaitStored(id);

        assertThat(EventSchema.ENRICHED_ARTICLE.violations(stored)).isEmpty();
        assertThat(stored.path("id").asText()).isEqualTo(id);
        assertThat(stored.path("title").asText()).isEqualTo(title);
        assertThat(stored.path("source").path("type").asText()).isEqualTo("http");
        assertThat(stored.path("language").path("code").asText()).isEqualTo("fr");
        assertThat(stored.path("entities").isArray()).isTrue();
        assertThat(stored.path("topics").isArray()).isTrue();
        assertThat(stored.path("enrichment").path("engines").toString()).contains("lingua");
    }

    @Test
    void aSeedFileDroppedInTheWatchedFolderArrivesInTheStore() throws Exception {
        Path seed = Path.of(System.getProperty("newsflow.root", "..")).resolve("seeds/000_f2058b10de2506b4.txt");
        Files.copy(seed, inbox.resolve(seed.getFileName()));

        String id = await().atMost(ARRIVAL).until(() -> publishedId(seed.getFileName().toString()), Optional::isPresent)
                .orElseThrow();
        JsonNode stored = awaitStored(id);

        assertThat(EventSchema.ENRICHED_ARTICLE.violations(stored)).isEmpty();
        assertThat(stored.path("title").asText())
                .isEqualTo("Poutine se rend en Biélorussie pour entrainer Loukachenko dans la guerre en Ukraine");
        assertThat(stored.path("source").path("type").asText()).isEqualTo("file");
        assertThat(stored.path("source").path("name").asText()).isEqualTo("Newsweek");
        assertThat(stored.path("language").path("code").asText()).isEqualTo("fr");
        assertThat(stored.path("body").asText()).endsWith("Source : Newsweek");

        List<String> entities = new ArrayList<>();
        stored.path("entities").forEach(e -> entities.add(e.path("type").asText() + " " + e.path("name").asText()));
        assertThat(entities).contains("PERSON Vladimir Poutine", "PERSON Alexandre Loukachenko",
                "PERSON Sergueï Shoigu", "PERSON Dmitri Peskov", "LOCATION Biélorussie", "LOCATION Ukraine",
                "LOCATION Moscou", "LOCATION Minsk", "ORGANIZATION RIA Novosti", "ORGANIZATION Newsweek");
        stored.path("entities").forEach(e -> {
            if (e.path("name").asText().equals("Biélorussie")) {
                assertThat(e.path("ref").asText()).isEqualTo("iso3166:BY");
            }
        });
        List<String> topics = new ArrayList<>();
        stored.path("topics").forEach(t -> topics.add(t.path("code").asText()));
        assertThat(topics).contains("medtop:16000000", "medtop:11000000");

        // The store's query API finds it by full text in French, by language and topic, and by country reference.
        for (String query : List.of("q=guerre", "language=fr&topic=medtop:16000000", "entity=iso3166:BY")) {
            List<String> found = new ArrayList<>();
            get(uri(Stack.STORE, "/articles?limit=500&" + query)).orElseThrow().path("items")
                    .forEach(item -> found.add(item.path("id").asText()));
            assertThat(found).as(query).contains(id);
        }
    }

    @Test
    void theSameArticleIngestedTwiceIsOneRowHoldingTheNewestEnrichment() throws Exception {
        String body = article("Dublin harbour reopens after storm " + UUID.randomUUID());
        String id = post(body);
        String firstEnrichment = awaitStored(id).path("enrichment").path("enrichedAt").asText();

        assertThat(post(body)).isEqualTo(id);
        await().atMost(ARRIVAL).until(() -> !awaitStored(id).path("enrichment").path("enrichedAt").asText()
                .equals(firstEnrichment));

        assertThat(rowsWithId(id)).isEqualTo(1);
    }

    @Test
    void storedArticlesSentBackThroughEnrichmentReplaceTheirEnrichmentAndStayOneRowEach() throws Exception {
        String id = post(article("Antwerp dockers end their strike " + UUID.randomUUID()));
        String firstEnrichment = awaitStored(id).path("enrichment").path("enrichedAt").asText();

        Reenrich.Report report = new Reenrich(new Reenrich.Options(stack.service(Stack.STORE).baseUri(),
                stack.servers().bootstrapServers(), Instant.now().minus(Duration.ofHours(1)), Optional.empty(),
                Optional.empty(), Optional.empty(), 200, 10_000, false, Duration.ofSeconds(30)),
                message -> System.out.println("[reenrich] " + message)).run();

        assertThat(report.sent()).isEqualTo(report.read()).isGreaterThanOrEqualTo(1);
        await().atMost(ARRIVAL).until(() -> !awaitStored(id).path("enrichment").path("enrichedAt").asText()
                .equals(firstEnrichment));
        assertThat(rowsWithId(id)).isEqualTo(1);
    }

    @Test
    void aFeedOfThreeLocalPagesEndsAsThreeStoredArticlesHoldingTheStoryNotTheBoilerplate() throws Exception {
        try (LocalNewsSite site = LocalNewsSite.start(3)) {
            HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(uri(Stack.INGEST, "/feeds"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("url", site.feedUrl(), "intervalSeconds", 3600))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

            for (int n = 1; n <= 3; n++) {
                String canonical = site.storyUrl(n);
                JsonNode stored = await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(500))
                        .until(() -> storedWithCanonicalUrl(canonical), Optional::isPresent).orElseThrow();

                assertThat(EventSchema.ENRICHED_ARTICLE.violations(stored)).isEmpty();
                assertThat(stored.path("source").path("type").asText()).isEqualTo("feed");
                assertThat(stored.path("title").asText()).isEqualTo(LocalNewsSite.headline(n));
                assertThat(stored.path("body").asText()).contains(LocalNewsSite.storySentence(n))
                        .doesNotContain(LocalNewsSite.BOILERPLATE_AD).doesNotContain(LocalNewsSite.BOILERPLATE_FOOTER);
                assertThat(stored.path("authors").toString()).contains(LocalNewsSite.author(n));
                assertThat(stored.path("publishedAt").asText()).isEqualTo(LocalNewsSite.published(n));
                assertThat(stored.path("language").path("code").asText()).isEqualTo("en");
            }
        }
    }

    private static Optional<JsonNode> storedWithCanonicalUrl(String canonicalUrl) throws Exception {
        Optional<JsonNode> page = get(uri(Stack.STORE, "/articles?limit=100"));
        if (page.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode item : page.get().path("items")) {
            if (item.path("canonicalUrl").asText().equals(canonicalUrl)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static String article(String title) throws IOException {
        return JSON.writeValueAsString(Map.of(
                "title", title,
                "body", "Le Premier ministre a présenté mardi à l'Assemblée nationale un projet de loi de finances "
                        + "qui prévoit de réduire le déficit public l'année prochaine. Les députés de l'opposition "
                        + "ont dénoncé des économies trop fortes sur les collectivités locales.",
                "source", Map.of("name", "e2e")));
    }

    private static String post(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(Stack.INGEST, "/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode ids = JSON.readTree(response.body()).path("ids");
        assertThat(ids.size()).isEqualTo(1);
        return ids.get(0).asText();
    }

    private static JsonNode awaitStored(String id) {
        return await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(300))
                .until(() -> get(uri(Stack.STORE, "/articles/" + id)), Optional::isPresent).orElseThrow();
    }

    private static Optional<String> publishedId(String file) throws Exception {
        return get(uri(Stack.INGEST, "/sources/directory")).flatMap(status -> {
            for (JsonNode f : status.path("files")) {
                if (f.path("file").asText().equals(file) && f.path("status").asText().equals("published")) {
                    return Optional.of(f.path("ids").get(0).asText());
                }
            }
            return Optional.empty();
        });
    }

    private static Optional<JsonNode> get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as(uri + " " + response.body()).isEqualTo(200);
        return Optional.of(JSON.readTree(response.body()));
    }

    private static long rowsWithId(String id) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.servers().jdbcUrl(), stack.servers().username(),
                stack.servers().password());
                PreparedStatement query = db.prepareStatement("select count(*) from articles where id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static URI uri(String service, String path) {
        return stack.service(service).baseUri().resolve(path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
