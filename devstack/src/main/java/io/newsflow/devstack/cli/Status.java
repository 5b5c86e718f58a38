package io.newsflow.devstack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;

/**
 * {@code newsflow status}: asks each service on its port (the ports {@code up} uses) for its readiness and scrapes its
 * metrics twice, a window apart. It needs nothing but the services' own endpoints, so it works on any stack reachable
 * on those ports, however it was started.
 */
final class Status {

    /** Clears an ANSI terminal and puts the cursor home, so {@code --watch} redraws in place. */
    private static final String CLEAR = "\033[H\033[2J";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int WORST_SOURCES = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private Status() {
    }

    static int run(StackSettings settings, StatusOptions options, PrintStream out, PrintStream err) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put(Stack.INGEST, URI.create("http://127.0.0.1:" + settings.ingestPort()));
        services.put(Stack.ENRICH, URI.create("http://127.0.0.1:" + settings.enrichPort()));
        services.put(Stack.STORE, URI.create("http://127.0.0.1:" + settings.storePort()));
        Status status = new Status();
        do {
            if (!options.watch()) {
                err.printf("newsflow status: scraping /q/metrics twice, %.1f s apart%n",
                        options.window().toMillis() / 1000.0);
            }
            List<ServiceSnapshot> snapshots = status.snapshots(services, options.window());
            String screen = StatusScreen.render(snapshots, Instant.now()) + status.worstSources(services.get(Stack.INGEST));
            out.print(options.watch() ? CLEAR + screen : screen);
            out.flush();
            if (!options.watch()) {
                return snapshots.stream().allMatch(s -> s.unreachable().isEmpty()
                        && s.health().map(h -> h.status().equals("UP")).orElse(false)) ? 0 : 1;
            }
        } while (!Thread.currentThread().isInterrupted());
        return 0;
    }

    /**
     * The feeds and sitemaps that are not {@code ok}, worst first, as ingest-service's {@code GET /sources} lists them
     * (at most {@value #WORST_SOURCES}); nothing when all are well or ingest does not answer.
     */
    String worstSources(URI ingest) {
        try {
            HttpResponse<String> response = get(ingest.resolve("/sources"), "application/json");
            if (response.statusCode() != 200) {
                return "";
            }
            JsonNode sources = json.readTree(response.body());
            StringBuilder s = new StringBuilder();
            int shown = 0;
            for (JsonNode source : sources) {
                if (source.path("health").asText().equals("ok") || shown == WORST_SOURCES) {
                    continue;
                }
                if (shown++ == 0) {
                    s.append("\nsources not ok (of ").append(sources.size()).append("; GET /sources on ingest for all)\n");
                }
                s.append(String.format(java.util.Locale.ROOT, "  %-8s %-60s last success %s, %s%n",
                        source.path("health").asText(), source.path("url").asText(),
                        source.path("lastSuccessAt").asText("never"),
                        source.path("error").isNull() ? "status " + source.path("status").asText()
                                : source.path("error").asText()));
            }
            return s.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Each service is asked on its own thread, so a slow one neither delays the others nor stretches their window. */
    private List<ServiceSnapshot> snapshots(Map<String, URI> services, Duration window) {
        ExecutorService threads = Executors.newFixedThreadPool(services.size(), r -> {
            Thread thread = new Thread(r, "newsflow-status");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<ServiceSnapshot>> asked = new ArrayList<>();
            services.forEach((name, uri) -> asked.add(CompletableFuture.supplyAsync(() -> snapshot(name, uri, window),
                    threads)));
            return asked.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    private ServiceSnapshot snapshot(String name, URI uri, Duration window) {
        Optional<ServiceSnapshot.Health> health;
        try {
            health = Optional.of(health(uri));
        } catch (HttpTimeoutException e) {
            return ServiceSnapshot.notRunning(name, uri, "it accepts connections but did not answer /q/health/ready"
                    + " within " + TIMEOUT.toSeconds() + " s (busy, or stuck)");
        } catch (IOException e) {
            return ServiceSnapshot.notRunning(name, uri, "nothing answers on " + uri.getHost() + ":" + uri.getPort()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Instant firstAt = Instant.now();
            PrometheusText first = scrape(uri);
            Thread.sleep(window.toMillis());
            Instant secondAt = Instant.now();
            PrometheusText second = scrape(uri);
            return new ServiceSnapshot(name, uri, Optional.empty(), health, Optional.of(first), Optional.of(second),
                    Duration.between(firstAt, secondAt).toMillis() / 1000.0, Optional.empty());
        } catch (IOException | MetricsUnavailable e) {
            return new ServiceSnapshot(name, uri, Optional.empty(), health, Optional.empty(), Optional.empty(), 0,
                    Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ServiceSnapshot.Health health(URI uri) throws IOException {
        HttpResponse<String> response = get(uri.resolve("/q/health/ready"), "application/json");
        try {
            JsonNode body = json.readTree(response.body());
            List<ServiceSnapshot.Check> checks = new ArrayList<>();
            body.path("checks").forEach(check -> checks.add(new ServiceSnapshot.Check(check.path("name").asText(),
                    check.path("status").asText())));
            return new ServiceSnapshot.Health(body.path("status").asText("HTTP " + response.statusCode()), checks);
        } catch (IOException e) {
            return new ServiceSnapshot.Health("HTTP " + response.statusCode() + " (not a health answer)", List.of());
        }
    }

    private PrometheusText scrape(URI uri) throws IOException, MetricsUnavailable {
        HttpResponse<String> response = get(uri.resolve("/q/metrics"), "text/plain");
        if (response.statusCode() != 200) {
            throw new MetricsUnavailable("GET /q/metrics answered " + response.statusCode());
        }
        try {
            return PrometheusText.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new MetricsUnavailable(e.getMessage());
        }
    }

    private HttpResponse<String> get(URI uri, String accept) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept)
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The service answers, but its metrics cannot be read. */
    private static final class MetricsUnavailable extends Exception {

        MetricsUnavailable(String message) {
            super(message);
        }
    }
}
