package io.newsflow.ingest.metrics;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.events.SourceType;

/**
 * The service's own meters, exported with the rest at {@code /q/metrics} (the README's Metrics section lists them
 * with their labels). Every label has a bounded set of values: never an id, a URL or a message.
 */
@ApplicationScoped
public class IngestMetrics {

    /** Kafka did not acknowledge an article (any source). */
    public static final String PUBLISH_FAILED = "publish-failed";
    /** A dropped file could not be ingested. */
    public static final String FILE_REFUSED = "file-refused";
    /** A feed poll ended in error or was refused. */
    public static final String FEED_FAILED = "feed-failed";

    private static final List<String> ERROR_REASONS = List.of(PUBLISH_FAILED, FILE_REFUSED, FEED_FAILED);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastErrors = new ConcurrentHashMap<>();

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        // Registered up front so dashboards and `newsflow status` see every error kind at 0 before the first one.
        ERROR_REASONS.forEach(reason -> {
            errors(reason);
            lastError(reason);
        });
    }

    /** Articles that reached the service from a source, before any check: HTTP items, file articles, new feed entries. */
    public void received(SourceType source, int count) {
        registry.counter("newsflow.ingest.articles.received", "source", label(source)).increment(count);
    }

    /** Articles Kafka acknowledged. */
    public void published(SourceType source, int count) {
        registry.counter("newsflow.ingest.articles.published", "source", label(source)).increment(count);
        articles(source, "accepted").increment(count);
    }

    /**
     * Articles refused, by reason: {@code invalid} (fails the article rules), {@code not-json} (an NDJSON line that is
     * not JSON), {@code publish-failed} (Kafka did not acknowledge), or for files the file's refusal reason.
     */
    public void refused(SourceType source, String reason, int count) {
        registry.counter("newsflow.ingest.articles.refused", "source", label(source), "reason", reason).increment(count);
        articles(source, "refused").increment(count);
    }

    /** A dropped file refused, by reason; counted as an error too. */
    public void fileRefused(String reason) {
        registry.counter("newsflow.ingest.directory.files.refused", "reason", reason).increment();
        error(FILE_REFUSED);
    }

    /** A feed poll, by outcome; {@code error} and {@code refused} count as errors too. */
    public void feedPoll(String outcome) {
        registry.counter("newsflow.ingest.feed.polls", "outcome", outcome).increment();
        if ("error".equals(outcome) || "refused".equals(outcome)) {
            error(FEED_FAILED);
        }
    }

    /** A source item given up as a dead letter, by reason ({@code page-unavailable}, {@code too-large}, {@code contract-refused}). */
    public void deadLettered(String reason) {
        registry.counter("newsflow.ingest.items.dead.lettered", "reason", reason).increment();
    }

    /**
     * {@code newsflow_ingest_sources{health}}: the sources this replica polls, by health ({@code pending}, {@code ok},
     * {@code quiet}, {@code failing}), read from {@code counts} at each scrape.
     */
    public void sourceHealth(java.util.function.Supplier<Map<String, Long>> counts) {
        for (String health : List.of("pending", "ok", "quiet", "failing")) {
            Gauge.builder("newsflow.ingest.sources", counts, c -> c.get().getOrDefault(health, 0L))
                    .tag("health", health)
                    .description("Sources polled by this replica, by health")
                    .strongReference(true)
                    .register(registry);
        }
    }

    /**
     * An HTTP request answered with a problem, by type: the last segment of a newsflow problem type URI, else
     * {@code status-<code>} for plain HTTP refusals ({@code about:blank}).
     */
    public void problem(String type) {
        registry.counter("newsflow.ingest.http.problems", "type", type).increment();
    }

    /** One occurrence of an error kind: counted, and its time kept as the kind's last occurrence. */
    public void error(String reason) {
        errors(reason).increment();
        lastError(reason).set(clock.instant().getEpochSecond());
    }

    private Counter errors(String reason) {
        return registry.counter("newsflow.errors", "reason", reason);
    }

    private AtomicLong lastError(String reason) {
        return lastErrors.computeIfAbsent(reason, r -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("newsflow.last.error", seconds, AtomicLong::doubleValue)
                    .tag("reason", r)
                    .description("Epoch seconds of the last occurrence of this error kind; 0 before the first")
                    .register(registry);
            return seconds;
        });
    }

    private Counter articles(SourceType source, String outcome) {
        return registry.counter("newsflow.ingest.articles", "source", label(source), "outcome", outcome);
    }

    private static String label(SourceType source) {
        return source.name().toLowerCase(Locale.ROOT);
    }
}
