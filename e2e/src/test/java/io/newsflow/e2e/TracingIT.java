package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collector;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;
import io.newsflow.e2e.OtlpTraceReceiver.Kind;
import io.newsflow.e2e.OtlpTraceReceiver.Span;
import io.newsflow.events.EventCodec;

/**
 * Tracing as an operator switches it on: the packaged services export every trace over OTLP/HTTP to a receiver this
 * test runs, and one article's journey — ingest's HTTP request, the raw topic, enrichment, the enriched topic, the
 * store — is one trace whose spans are joined parent to child across the three processes through the records'
 * {@code traceparent} headers.
 */
class TracingIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static OtlpTraceReceiver receiver;
    private static Stack stack;

    @BeforeAll
    static void startTheStackExportingTraces() throws IOException {
        receiver = OtlpTraceReceiver.start();
        Path root = Path.of(System.getProperty("newsflow.root", "..")).toAbsolutePath().normalize();
        StackSettings settings = new StackSettings(root, work.resolve("home"), freePort(), freePort(), freePort(), 0, 0,
                Optional.empty());
        stack = Stack.start(settings, Map.of(
                "QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "WARN",
                // The article is French: more language and entity models would only lengthen enrich-service's start.
                "NEWSFLOW_ENRICH_LANGUAGES", "en,fr",
                "NEWSFLOW_ENRICH_ENTITIES_CORENLP_LANGUAGES", "fr",
                "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // Spans reach the receiver a fraction of a second after they end instead of up to 5 s later.
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"),
                message -> System.out.println("[stack] " + message));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void oneArticleIsOneTraceFromTheIngestRequestThroughEnrichToTheStore() throws Exception {
        String id = post("Le Parlement européen adopte la loi sur les médias " + UUID.randomUUID());
        awaitStored(id);

        List<Span> trace = await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(300))
                .until(TracingIT::traceOfThePostedArticle, t -> t.isPresent()
                        && services(t.get()).containsAll(Set.of(Stack.INGEST, Stack.ENRICH, Stack.STORE)))
                .orElseThrow();

        trace.forEach(span -> System.out.printf("[trace %s] %s %s %s (span %s, parent %s)%n", span.traceId(),
                span.service(), span.kind(), span.name(), span.spanId(), span.parentSpanId()));
        assertThat(receiver.refused()).as("requests the receiver could not take").isEmpty();
        Map<String, Span> byId = trace.stream().collect(Collectors.toMap(Span::spanId, s -> s, (a, b) -> a));
        Span root = trace.stream().filter(s -> s.parentSpanId().isEmpty()).collect(onlyOne("root span"));
        assertThat(root.service()).isEqualTo(Stack.INGEST);
        assertThat(root.kind()).isEqualTo(Kind.SERVER);
        assertThat(trace).as("every span's parent is in the trace").allSatisfy(span ->
                assertThat(span.parentSpanId().isEmpty() || byId.containsKey(span.parentSpanId()))
                        .as("%s %s's parent %s", span.service(), span.name(), span.parentSpanId()).isTrue());

        Span enrichReceives = consumerOf(trace, Stack.ENRICH, "news.articles.raw.v1");
        Span rawPublished = byId.get(enrichReceives.parentSpanId());
        assertThat(rawPublished.service()).isEqualTo(Stack.INGEST);
        assertThat(rawPublished.kind()).isEqualTo(Kind.PRODUCER);
        assertThat(ancestors(rawPublished, byId)).contains(root);

        Span storeReceives = consumerOf(trace, Stack.STORE, "news.articles.enriched.v1");
        Span enrichedPublished = byId.get(storeReceives.parentSpanId());
        assertThat(enrichedPublished.service()).isEqualTo(Stack.ENRICH);
        assertThat(enrichedPublished.kind()).isEqualTo(Kind.PRODUCER);
        assertThat(ancestors(enrichedPublished, byId)).as("the enriched record descends from the raw one")
                .contains(enrichReceives, root);
        Span committed = trace.stream().filter(span -> span.name().equals("store article"))
                .collect(onlyOne("the store's commit span"));
        assertThat(committed.service()).isEqualTo(Stack.STORE);
        assertThat(ancestors(committed, byId)).as("the commit hangs under the store's consumer span")
                .contains(storeReceives, enrichReceives, root);
        assertThat(trace).as("nothing in the article's trace happens after the store took it, outside the store")
                .filteredOn(span -> ancestors(span, byId).contains(storeReceives))
                .allSatisfy(span -> assertThat(span.service()).isEqualTo(Stack.STORE));
    }

    /** The trace whose root is ingest's POST /articles: the only such request this test makes. */
    private static Optional<List<Span>> traceOfThePostedArticle() {
        List<Span> spans = receiver.spans();
        return spans.stream()
                .filter(s -> s.service().equals(Stack.INGEST) && s.kind() == Kind.SERVER
                        && s.parentSpanId().isEmpty() && s.name().contains("/articles"))
                .map(Span::traceId)
                .findFirst()
                .map(traceId -> spans.stream().filter(s -> s.traceId().equals(traceId)).toList());
    }

    private static Set<String> services(List<Span> trace) {
        return trace.stream().map(Span::service).collect(Collectors.toSet());
    }

    private static Span consumerOf(List<Span> trace, String service, String topic) {
        return trace.stream()
                .filter(s -> s.service().equals(service) && s.kind() == Kind.CONSUMER
                        && topic.equals(s.attributes().get("messaging.destination.name")))
                .collect(onlyOne(service + " consuming " + topic + " in " + trace));
    }

    private static List<Span> ancestors(Span span, Map<String, Span> byId) {
        List<Span> chain = new ArrayList<>();
        Span parent = byId.get(span.parentSpanId());
        while (parent != null) {
            chain.add(parent);
            parent = byId.get(parent.parentSpanId());
        }
        return chain;
    }

    private static Collector<Span, ?, Span> onlyOne(String what) {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).as(what).hasSize(1);
            return list.get(0);
        });
    }

    private static String post(String title) throws Exception {
        String json = JSON.writeValueAsString(Map.of(
                "title", title,
                "body", "Les eurodéputés ont adopté mardi à Strasbourg un règlement qui protège "
                        + "l'indépendance des rédactions et encadre la publicité d'État dans les médias.",
                "source", Map.of("name", "e2e")));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(Stack.INGEST, "/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode ids = JSON.readTree(response.body()).path("ids");
        assertThat(ids.size()).isEqualTo(1);
        return ids.get(0).asText();
    }

    private static void awaitStored(String id) {
        await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(300)).until(() -> HTTP.send(
                HttpRequest.newBuilder(uri(Stack.STORE, "/articles/" + id)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
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
