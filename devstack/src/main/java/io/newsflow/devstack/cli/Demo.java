package io.newsflow.devstack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;
import io.newsflow.events.EventCodec;

/**
 * {@code newsflow demo}: the stack over a folder of articles. ingest-service watches the folder; the demo follows
 * each file through ingest's directory status and the store API, prints what was stored, and stops everything.
 */
final class Demo {

    private static final Set<String> DONE = Set.of("published", "failed", "skipped");
    private static final Duration POLL = Duration.ofMillis(500);

    private final StackSettings settings;
    private final Path dir;
    private final Duration timeout;
    private final PrintStream out;
    private final Consumer<String> progress;
    private final ObjectMapper json = EventCodec.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Demo(StackSettings settings, Path dir, Duration timeout, PrintStream out, Consumer<String> progress) {
        this.settings = settings;
        this.dir = dir;
        this.timeout = timeout;
        this.out = out;
        this.progress = progress;
    }

    int run() {
        List<String> files = filesIn(dir);
        if (files.isEmpty()) {
            throw new IllegalStateException(dir + " holds no files to ingest");
        }
        Instant started = Instant.now();
        return StackSession.run("demo", settings, Map.of(), progress, stack -> {
            progress.accept("stack ready in " + Duration.between(started, Instant.now()).toSeconds() + " s; ingesting "
                    + files.size() + " files from " + dir);
            Instant deadline = Instant.now().plus(timeout);
            Map<String, JsonNode> statuses = awaitIngested(stack, files, deadline);
            List<String> ids = new ArrayList<>();
            int failed = 0;
            for (String file : files) {
                JsonNode status = statuses.get(file);
                switch (status.path("status").asText()) {
                    case "published" -> status.path("ids").forEach(id -> ids.add(id.asText()));
                    case "failed" -> {
                        failed++;
                        progress.accept("FAILED " + file + ": " + status.path("error").asText());
                    }
                    default -> progress.accept("skipped " + file + (status.path("error").isTextual()
                            ? ": " + status.path("error").asText() : ""));
                }
            }
            List<JsonNode> stored = awaitStored(stack, ids, started, deadline);
            for (JsonNode article : stored) {
                out.println(json.writeValueAsString(article));
            }
            out.flush();
            progress.accept(stored.size() + " articles stored and printed in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
            if (failed > 0) {
                progress.accept(failed + " files could not be ingested (see above)");
                return 1;
            }
            return 0;
        });
    }

    private static List<String> filesIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Polls ingest's directory status until every file of the folder is published, failed or skipped. */
    private Map<String, JsonNode> awaitIngested(Stack stack, List<String> files, Instant deadline) throws IOException {
        URI status = stack.service(Stack.INGEST).baseUri().resolve("/sources/directory");
        int reported = -1;
        while (true) {
            Map<String, JsonNode> byFile = new LinkedHashMap<>();
            JsonNode body = getJson(status);
            if (body != null) {
                body.path("files").forEach(f -> byFile.put(f.path("file").asText(), f));
            }
            long done = files.stream().filter(f -> byFile.containsKey(f) && DONE.contains(byFile.get(f).path("status").asText()))
                    .count();
            if (done != reported) {
                progress.accept("ingested " + done + "/" + files.size() + " files");
                reported = (int) done;
            }
            if (done == files.size()) {
                return byFile;
            }
            checkDeadline(deadline, "waiting for ingest-service to read " + dir, stack, Stack.INGEST);
            sleep();
        }
    }

    /**
     * Polls the store API until every id is stored by this run: an article stored by an earlier run counts only once
     * this run's enrichment has replaced it. Returns the articles as the API serves them.
     */
    private List<JsonNode> awaitStored(Stack stack, List<String> ids, Instant since, Instant deadline)
            throws IOException {
        URI store = stack.service(Stack.STORE).baseUri();
        Map<String, JsonNode> stored = new LinkedHashMap<>();
        int reported = -1;
        while (true) {
            for (String id : ids) {
                if (!stored.containsKey(id)) {
                    JsonNode article = getJson(store.resolve("/articles/" + id));
                    if (article != null && enrichedSince(article, since)) {
                        stored.put(id, article);
                    }
                }
            }
            if (stored.size() != reported) {
                progress.accept("stored " + stored.size() + "/" + ids.size() + " articles");
                reported = stored.size();
            }
            if (stored.size() == ids.size()) {
                return ids.stream().map(stored::get).toList();
            }
            checkDeadline(deadline, "waiting for the articles to be enriched and stored", stack, Stack.ENRICH);
            sleep();
        }
    }

    private static boolean enrichedSince(JsonNode article, Instant since) {
        return !Instant.parse(article.path("enrichment").path("enrichedAt").asText()).isBefore(since);
    }

    /** The JSON body of a 200 answer, null for 404 (not there yet); anything else is an error. */
    private JsonNode getJson(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> json.readTree(response.body());
                case 404 -> null;
                default -> throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + response.body());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void checkDeadline(Instant deadline, String what, Stack stack, String suspect) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s " + what
                    + " (NEWSFLOW_DEMO_TIMEOUT); the log of " + suspect + " (" + stack.service(suspect).logFile()
                    + ") ends with:\n" + stack.service(suspect).tail(30));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
