package io.newsflow.store.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.store.persistence.StoredBatch;

/**
 * The service's own meters, exported with the rest at {@code /q/metrics} (the README's Metrics section lists them
 * with their labels). Every label has a bounded set of values: never an id, a URL or a message.
 */
@ApplicationScoped
public class StoreMetrics {

    /** A write failed because the database was unavailable; the batch is retried. */
    public static final String DATABASE_UNAVAILABLE = "database-unavailable";
    /** A record could never be stored and was dead-lettered. */
    public static final String UNSTORABLE = "unstorable";

    /** Dead-letter reason: the record is not a valid EnrichedArticle. */
    public static final String INVALID_EVENT = "invalid-event";
    /** Dead-letter reason: PostgreSQL refused the article's data. */
    public static final String REFUSED_BY_DATABASE = "refused-by-database";

    private static final List<String> ERROR_REASONS = List.of(DATABASE_UNAVAILABLE, UNSTORABLE);
    private static final List<String> DEAD_LETTER_REASONS = List.of(INVALID_EVENT, REFUSED_BY_DATABASE);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastErrors = new ConcurrentHashMap<>();
    private final Counter batches;
    private final Counter inserted;
    private final Counter updated;
    private final Counter unchanged;
    private final DistributionSummary batchSize;
    private final Timer commit;
    private final Timer freshness;

    @Inject
    public StoreMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public StoreMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        batches = Counter.builder("newsflow.store.batches")
                .description("Batches of records received from Kafka").register(registry);
        inserted = articles("inserted");
        updated = articles("updated");
        unchanged = articles("unchanged");
        batchSize = DistributionSummary.builder("newsflow.store.batch.size")
                .description("Records per batch received from Kafka").baseUnit("records").register(registry);
        commit = Timer.builder("newsflow.store.commit")
                .description("Time to write and commit one transaction of articles, retries excluded")
                .register(registry);
        freshness = Timer.builder("newsflow.store.freshness")
                .description("From an article's fetchedAt (ingestion) to the commit that first stored it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        // Registered up front so dashboards and `newsflow status` see every kind at 0 before the first one.
        DEAD_LETTER_REASONS.forEach(this::deadLettered);
        ERROR_REASONS.forEach(reason -> {
            errors(reason);
            lastError(reason);
        });
    }

    /** A batch of {@code records} Kafka records arrived. */
    public void batch(int records) {
        batches.increment();
        batchSize.record(records);
    }

    /** A transaction of articles committed after {@code took}: what it did to each, and how fresh the new ones are. */
    public void stored(StoredBatch stored, Duration took) {
        commit.record(took);
        inserted.increment(stored.inserted().size());
        updated.increment(stored.updated().size());
        unchanged.increment(stored.unchanged());
        Instant now = clock.instant();
        for (Instant fetchedAt : stored.firstFetchedAt()) {
            Duration age = Duration.between(fetchedAt, now);
            freshness.record(age.isNegative() ? Duration.ZERO : age);
        }
    }

    /** A record dead-lettered, by reason ({@link #INVALID_EVENT}, {@link #REFUSED_BY_DATABASE}); an error too. */
    public void deadLettered(String reason, int records) {
        deadLettered(reason).increment(records);
        errors(UNSTORABLE, records);
    }

    /** One occurrence of an error kind: counted, and its time kept as the kind's last occurrence. */
    public void error(String reason) {
        errors(reason, 1);
    }

    private void errors(String reason, int occurrences) {
        errors(reason).increment(occurrences);
        lastError(reason).set(clock.instant().getEpochSecond());
    }

    private Counter articles(String outcome) {
        return Counter.builder("newsflow.store.articles").tag("outcome", outcome)
                .description("Articles of the batches received, by what storing them did").register(registry);
    }

    private Counter deadLettered(String reason) {
        return Counter.builder("newsflow.store.articles.dead.lettered").tag("reason", reason)
                .description("Records sent to the dead-letter topic, by reason").register(registry);
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
}
