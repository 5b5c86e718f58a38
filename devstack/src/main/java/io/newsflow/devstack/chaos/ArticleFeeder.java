package io.newsflow.devstack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streams a chaos run's articles to ingest's {@code POST /articles}, a batch at a time, as a careful client would: a
 * batch that is refused (connection refused or reset, 5xx, timeout) is sent again until ingest answers 202. That is
 * safe because ids are deterministic: a batch published twice is the same articles twice, which the store collapses.
 * An article counts as accepted only once a 202 answer listed its id.
 */
final class ArticleFeeder {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final URI endpoint;
    private final ChaosArticles articles;
    private final ChaosPlan plan;
    private final StreamGate gate;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger resent = new AtomicInteger();

    ArticleFeeder(URI ingest, ChaosArticles articles, ChaosPlan plan, StreamGate gate, ObjectMapper json) {
        this.endpoint = ingest.resolve("/articles");
        this.articles = articles;
        this.plan = plan;
        this.gate = gate;
        this.json = json;
    }

    /** Ids ingest acknowledged with 202, so far. */
    Set<String> acceptedIds() {
        return acceptedIds;
    }

    /** Batches sent again after a refusal or a failed request. */
    int resent() {
        return resent.get();
    }

    void run() throws InterruptedException {
        long pauseNanos = plan.rate() > 0 ? (long) (plan.batchSize() / plan.rate() * 1e9) : 0;
        long nextSend = System.nanoTime();
        for (int from = 0; from < plan.articles(); from += plan.batchSize()) {
            gate.awaitFaultsDueBy(from);
            long wait = nextSend - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            nextSend = Math.max(System.nanoTime(), nextSend) + pauseNanos;
            int to = Math.min(plan.articles(), from + plan.batchSize());
            send(articles.batch(from, to).toString().getBytes(StandardCharsets.UTF_8), to - from);
            gate.accepted(to);
        }
    }

    private void send(byte[] body, int expected) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202) {
                    JsonNode ids = json.readTree(response.body()).path("ids");
                    if (ids.size() != expected) {
                        throw new IllegalStateException("ingest accepted a batch of " + expected + " articles with "
                                + ids.size() + " ids: " + response.body());
                    }
                    ids.forEach(id -> acceptedIds.add(id.asText()));
                    return;
                }
                if (status < 500 && status != 429) {
                    throw new IllegalStateException("ingest refused a chaos batch for good (HTTP " + status + "): "
                            + response.body());
                }
            } catch (IOException e) {
                // Ingest is down or restarting, or it died mid-request: whatever it published is published again.
            }
            resent.incrementAndGet();
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }
}
