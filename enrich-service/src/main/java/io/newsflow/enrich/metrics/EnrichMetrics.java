package io.newsflow.enrich.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.enrich.pipeline.EngineObserver;

/**
 * The service's own metrics, named by the observability contract (README, Metrics). Tags take few values: languages,
 * engine names and failure reasons, never ids or messages.
 */
@ApplicationScoped
public class EnrichMetrics implements EngineObserver {

    public static final String ENRICHED = "newsflow.enrich.articles.enriched";
    public static final String FAILED = "newsflow.enrich.articles.failed";
    public static final String DEAD_LETTERED = "newsflow.enrich.articles.dead.lettered";
    public static final String ENGINE = "newsflow.enrich.engine";
    public static final String ARTICLE = "newsflow.enrich.article";
    public static final String ERRORS = "newsflow.errors";
    public static final String WAITS_EXTENDED = "newsflow.enrich.waits.extended";
    public static final String LAST_ERROR = "newsflow.last.error";

    private final MeterRegistry registry;
    private final Timer article;
    private final Counter waitsExtended;
    /** Strong references: a gauge only holds its state object weakly. */
    private final Map<FailureReason, AtomicLong> lastErrors = new ConcurrentHashMap<>();

    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.article = Timer.builder(ARTICLE)
                .description("Whole enrichment of one article (every engine), enriched articles only")
                .publishPercentileHistogram()
                .register(registry);
        // Every failure series exists from startup, at 0: Prometheus' increase() needs a sample before the first
        // failure, or the dead letters of an alert's first window would never make it fire.
        for (FailureReason reason : FailureReason.values()) {
            failedCounter(reason);
            deadLetteredCounter(reason);
            errorCounter(reason);
            lastErrors.computeIfAbsent(reason, this::lastErrorGauge);
        }
        this.waitsExtended = Counter.builder(WAITS_EXTENDED)
                .description("Time-outs passed in wall-clock time while the article's engine thread had had less CPU"
                        + " than newsflow.enrich.timeout, so the article was waited for longer (CPU starvation)")
                .register(registry);
    }

    /** An article's wall-clock time-out passed while its engine thread was starved of CPU; it is waited for longer. */
    public void waitExtended() {
        waitsExtended.increment();
    }

    @Override
    public void took(String engine, long nanos) {
        Timer.builder(ENGINE)
                .description("Time one engine took on one article")
                .tag("engine", engine)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An article was enriched in {@code language} ({@code und} included) in {@code nanos}. */
    public void enriched(String language, long nanos) {
        Counter.builder(ENRICHED)
                .description("Articles enriched and handed to the enriched topic, by detected language")
                .tag("language", language)
                .register(registry)
                .increment();
        article.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * An article failed and goes to the dead-letter topic: every failure is dead-lettered at once (retrying would fail
     * the same way on the same bytes and engines), so {@code failed} and {@code dead.lettered} move together.
     */
    public void failed(FailureReason reason) {
        failedCounter(reason).increment();
        deadLetteredCounter(reason).increment();
        errorCounter(reason).increment();
        lastErrors.computeIfAbsent(reason, this::lastErrorGauge).set(Instant.now().getEpochSecond());
    }

    private Counter failedCounter(FailureReason reason) {
        return Counter.builder(FAILED)
                .description("Articles whose enrichment failed, by reason")
                .tag("reason", reason.tag())
                .register(registry);
    }

    private Counter deadLetteredCounter(FailureReason reason) {
        return Counter.builder(DEAD_LETTERED)
                .description("Raw records sent to the raw topic's dead-letter topic, by reason")
                .tag("reason", reason.tag())
                .register(registry);
    }

    private Counter errorCounter(FailureReason reason) {
        return Counter.builder(ERRORS)
                .description("Errors met, by kind")
                .tag("reason", reason.tag())
                .register(registry);
    }

    private AtomicLong lastErrorGauge(FailureReason reason) {
        AtomicLong epochSeconds = new AtomicLong();
        Gauge.builder(LAST_ERROR, epochSeconds, AtomicLong::get)
                .description("When an error of this kind last happened, in seconds since the epoch; 0 before the first")
                .tag("reason", reason.tag())
                .register(registry);
        return epochSeconds;
    }
}
