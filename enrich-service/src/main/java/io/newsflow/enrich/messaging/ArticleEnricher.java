package io.newsflow.enrich.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.metrics.EnrichMetrics;
import io.newsflow.enrich.metrics.FailureReason;
import io.newsflow.enrich.pipeline.ArticlePipeline;
import io.newsflow.enrich.pipeline.EngineFailureException;
import io.newsflow.enrich.pipeline.EngineRunner;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.InvalidEventException;
import io.newsflow.events.RawArticle;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Turns each raw article into an enriched one, keyed by article id.
 *
 * <p>The record value arrives as bytes and is decoded here, so that a record that is not a valid RawArticle fails
 * this method and the connector's dead-letter strategy moves it, byte for byte, to {@code news.articles.raw.v1.dlq}
 * with the reason in its headers. An article an engine throws on, or that takes longer than
 * {@code newsflow.enrich.timeout} of CPU time ({@link EngineRunner}: a starved one is waited for up to
 * {@code newsflow.enrich.max-wait}), fails the same way. The incoming record is acknowledged (its offset committed) only
 * once the enriched record has been acknowledged by the broker, or once a failed record has been written to the
 * dead-letter topic.
 *
 * <p>The channel runs {@code newsflow.enrich.concurrency} copies (SmallRye's {@code concurrency} attribute): each copy
 * is a Kafka consumer of its own that owns whole partitions and calls this method in order, one record at a time, so
 * the enriched records of a partition keep the order of the raw ones while the copies use every core.
 */
@ApplicationScoped
public class ArticleEnricher {

    /** MDC key that puts the article id on every log line written while the article is enriched. */
    public static final String ARTICLE_ID = "articleId";

    private static final Logger LOG = Logger.getLogger(ArticleEnricher.class);

    private final ArticlePipeline pipeline;
    private final EnrichMetrics metrics;
    private final EngineRunner engines;

    @Inject
    ArticleEnricher(ArticlePipeline pipeline, EnrichMetrics metrics, EnrichConfig config) {
        this(pipeline, metrics, config.timeout(), config.maxWait(),
                config.engineThreads().orElse(2 * config.concurrency()));
    }

    ArticleEnricher(ArticlePipeline pipeline, EnrichMetrics metrics, Duration timeout, Duration maxWait,
            int engineThreads) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.engines = new EngineRunner(timeout, maxWait, engineThreads, metrics::waitExtended);
    }

    @PreDestroy
    void stop() {
        engines.close();
    }

    // The engines are CPU work of milliseconds to a few hundred milliseconds per article, so this runs on a worker
    // thread; ordered, so that each consumer copy hands on its partitions' records in their order.
    @Incoming(Channels.RAW_IN)
    @Outgoing(Channels.ENRICHED_OUT)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Blocking
    public Record<String, EnrichedArticle> enrich(byte[] value) throws InvalidEventException, EnrichmentFailedException {
        RawArticle raw;
        try {
            raw = EventCodec.decodeRaw(value);
        } catch (InvalidEventException e) {
            metrics.failed(FailureReason.INVALID_EVENT);
            LOG.warnf("Dead-lettering a record that is not a raw article: %s", e.getMessage());
            throw e;
        }
        MDC.put(ARTICLE_ID, raw.id());
        try {
            return Record.of(raw.id(), enrich(raw));
        } finally {
            MDC.remove(ARTICLE_ID);
        }
    }

    EnrichedArticle enrich(RawArticle raw) throws EnrichmentFailedException {
        long start = System.nanoTime();
        try {
            EnrichedArticle enriched = engines.run(abandoned -> {
                MDC.put(ARTICLE_ID, raw.id());
                try {
                    return pipeline.enrich(raw, metrics, abandoned);
                } finally {
                    MDC.remove(ARTICLE_ID);
                }
            });
            metrics.enriched(enriched.language().code(), System.nanoTime() - start);
            return enriched;
        } catch (EngineRunner.TimedOut e) {
            String detail = switch (e.outcome()) {
                case CPU_BUDGET -> "enrichment took longer than " + engines.timeout()
                        + " of CPU time (newsflow.enrich.timeout)";
                case STARVED -> "enrichment still unfinished after " + engines.maxWait()
                        + " (newsflow.enrich.max-wait) with only " + e.cpu().toMillis()
                        + " ms of CPU time: the service is starved of CPU";
            };
            throw failure(FailureReason.ENGINE_TIMEOUT, detail
                    + "; the engine running finishes in the background, the others are skipped, the result is dropped",
                    null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String detail = cause instanceof EngineFailureException engineFailure
                    ? engineFailure.getMessage()
                    : String.valueOf(cause);
            throw failure(FailureReason.ENGINE_FAILURE, detail, cause);
        }
    }

    private EnrichmentFailedException failure(FailureReason reason, String detail, Throwable cause) {
        metrics.failed(reason);
        EnrichmentFailedException failure = new EnrichmentFailedException(reason, detail, cause);
        LOG.warnf(cause, "Dead-lettering the article: %s", failure.getMessage());
        return failure;
    }
}
