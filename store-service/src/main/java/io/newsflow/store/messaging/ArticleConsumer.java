package io.newsflow.store.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.newsflow.events.InvalidEventException;
import io.newsflow.store.metrics.StoreMetrics;
import io.newsflow.store.persistence.ArticleWriter;
import io.newsflow.store.persistence.DatabaseFailures;
import io.newsflow.store.persistence.ReceivedArticle;
import io.newsflow.store.persistence.StoredBatch;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Stores EnrichedArticles from {@code news.articles.enriched.v1}, a polled batch of records at a time, each batch in
 * one transaction; every record is acknowledged only after that transaction has committed.
 * <p>
 * A record that can never be stored is nacked on its own: the connector's dead-letter-queue strategy copies it,
 * original bytes and key, to {@code news.articles.enriched.v1.dlq} with the reason in its headers, and the rest of
 * the batch is stored. Invalid events are found while decoding, before any write. Data the database refuses fails
 * the whole batch's transaction without saying which record it was, so the batch is then written again one record
 * per transaction, which stores the good ones and names the bad.
 * <p>
 * A database that is down or failing is not the records' fault, so it never dead-letters them: the write is retried
 * with capped exponential backoff, each attempt in its own transaction, until the database answers. Waiting here
 * does not cost the group membership: batches are processed one at a time on a worker thread, apart from the
 * connector's polling thread, which keeps calling {@code poll()} (so {@code max.poll.interval.ms} never runs out) and
 * pauses the assigned partitions once its queue is full, so those polls fetch nothing. Consumption resumes by itself
 * when the backlog drains. The throttled commit strategy's {@code unprocessed-record-max-age}, which would close the
 * consumer under a waiting record, is disabled for this channel in application.properties.
 * <p>
 * The channel has several copies ({@code concurrency} in application.properties), each a Kafka consumer of its own
 * in the group with partitions of its own, and this method is called for their batches concurrently, each copy's
 * batches in order. Every version of an article has its id as key, so they all come through one partition and one
 * copy, in order; the upsert would keep the newest version whatever the order anyway. Concurrent batches take
 * their row locks in key order, statement by statement, so they wait for each other but cannot deadlock.
 */
@ApplicationScoped
public class ArticleConsumer {

    private static final Logger LOG = Logger.getLogger(ArticleConsumer.class);
    /** MDC key of the article a log line is about, as in every newsflow service. */
    private static final String ARTICLE_ID = "articleId";

    /** Name of the span that records an article's commit, the last step of its trace. */
    static final String STORED_SPAN = "store article";

    private final ArticleWriter writer;
    private final StoreMetrics metrics;
    private final Tracer tracer;
    private final Backoff backoff;
    /** The batches waiting for the database, one per writer that waits; each is removed when it is stored. */
    private final Map<Object, Stall> stalls = new ConcurrentHashMap<>();
    /** The batches being stored, one per writer that writes; each is removed once its records are settled. */
    private final Map<Object, InFlight> inFlight = new ConcurrentHashMap<>();

    /**
     * A batch held because the database is unavailable: its first article, how many articles wait in it, since
     * when, and why.
     */
    public record Stall(String articleId, int articles, Instant since, int retries, String lastError) {
    }

    /**
     * A batch handed to a writer and not settled yet: the partitions its records come from, its first article, its
     * size, and since when it is being stored. A batch that stays here long without failing is a write that makes no
     * progress (a hung connection, a lock that is never released), which no failure would report.
     */
    public record InFlight(String partitions, String articleId, int articles, Instant since) {
    }

    ArticleConsumer(ArticleWriter writer, StoreMetrics metrics, Tracer tracer,
            @ConfigProperty(name = "newsflow.store.retry.initial-delay") Duration initialDelay,
            @ConfigProperty(name = "newsflow.store.retry.max-delay") Duration maxDelay) {
        this.writer = writer;
        this.metrics = metrics;
        this.tracer = tracer;
        this.backoff = new Backoff(initialDelay, maxDelay);
    }

    /**
     * Present while the consumer is waiting for the database to store articles: the batch that has waited longest
     * (several wait at once when several channel copies write concurrently).
     */
    public Optional<Stall> stall() {
        return stalls.values().stream().min(Comparator.comparing(Stall::since));
    }

    /** How many batches are waiting for the database. */
    public int stalledBatches() {
        return stalls.size();
    }

    /** The batch being stored since the longest time, if any is. */
    public Optional<InFlight> oldestInFlight() {
        return inFlight.values().stream().min(Comparator.comparing(InFlight::since));
    }

    @Incoming(Channels.ENRICHED_IN)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        Object writing = new Object();
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        if (!records.isEmpty()) {
            String partitions = records.stream().map(r -> r.getTopic() + "-" + r.getPartition()).distinct().sorted()
                    .collect(Collectors.joining(","));
            inFlight.put(writing, new InFlight(partitions, String.valueOf(records.get(0).getKey()), records.size(),
                    Instant.now()));
        }
        try {
            return settle(batch);
        } finally {
            inFlight.remove(writing);
        }
    }

    private CompletionStage<Void> settle(KafkaRecordBatch<String, byte[]> batch) {
        metrics.batch(batch.getRecords().size());
        Map<KafkaRecord<String, byte[]>, ReceivedArticle> valid = new LinkedHashMap<>();
        Map<KafkaRecord<String, byte[]>, UnstorableArticleException> unstorable = new LinkedHashMap<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                valid.put(record, ReceivedArticle.decode(record.getPayload()));
            } catch (InvalidEventException e) {
                unstorable.put(record, new UnstorableArticleException(StoreMetrics.INVALID_EVENT,
                        "Not a valid EnrichedArticle: " + e.getMessage(), e));
            }
        }
        Instant storing = Instant.now();
        try {
            storeWhenTheDatabaseAnswers(List.copyOf(valid.values()));
        } catch (UnstorableArticleException refused) {
            LOG.infof("The database refuses data in a batch of %d articles (%s); storing them one by one",
                    valid.size(), refused.getMessage());
            valid.forEach((record, article) -> {
                MDC.put(ARTICLE_ID, article.id());
                try {
                    storeWhenTheDatabaseAnswers(List.of(article));
                } catch (UnstorableArticleException e) {
                    unstorable.put(record, e);
                } finally {
                    MDC.remove(ARTICLE_ID);
                }
            });
        }
        List<CompletableFuture<Void>> settled = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            UnstorableArticleException failure = unstorable.get(record);
            if (failure == null) {
                traceStored(record, storing, batch.getRecords().size());
                settled.add(record.ack().toCompletableFuture());
            } else {
                settled.add(deadLetter(record, failure));
            }
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    // The connector ends each record's consumer span as soon as the batch is handed over, so the commit gets a span of
    // its own under it: the article's trace then ends where the article became visible to readers.
    private void traceStored(KafkaRecord<String, byte[]> record, Instant start, int batchSize) {
        record.getMetadata(TracingMetadata.class)
                .map(TracingMetadata::getCurrentContext)
                .filter(Objects::nonNull)
                .ifPresent(parent -> tracer.spanBuilder(STORED_SPAN)
                        .setParent(parent)
                        .setSpanKind(SpanKind.INTERNAL)
                        .setStartTimestamp(start)
                        .setAttribute("newsflow.article.id", String.valueOf(record.getKey()))
                        .setAttribute("newsflow.store.batch.size", batchSize)
                        .startSpan()
                        .end());
    }

    /** Nacks the record, which the connector's dead-letter-queue strategy copies to the dead-letter topic. */
    private CompletableFuture<Void> deadLetter(KafkaRecord<String, byte[]> record, UnstorableArticleException failure) {
        MDC.put(ARTICLE_ID, String.valueOf(record.getKey()));
        try {
            LOG.warnf("Dead-lettering a record of %s-%d (%s): %s", record.getTopic(), record.getPartition(),
                    failure.reason(), failure.getMessage());
            metrics.deadLettered(failure.reason(), 1);
            return record.nack(failure).toCompletableFuture();
        } finally {
            MDC.remove(ARTICLE_ID);
        }
    }

    /** Throws {@link UnstorableArticleException} when the database refuses the data, which no retry would change. */
    private void storeWhenTheDatabaseAnswers(List<ReceivedArticle> articles) {
        if (articles.isEmpty()) {
            return;
        }
        String first = articles.get(0).id();
        String what = articles.size() == 1 ? "article " + first : articles.size() + " articles (" + first + ", …)";
        Instant since = null;
        Object waiting = new Object();
        try {
            for (int retry = 0;; retry++) {
                try {
                    long start = System.nanoTime();
                    StoredBatch stored = writer.store(articles);
                    metrics.stored(stored, Duration.ofNanos(System.nanoTime() - start));
                    if (retry > 0) {
                        LOG.infof("Stored %s after %d retries: the database is back", what, retry);
                    }
                    LOG.debugf("Stored %s: %d inserted, %d replaced, %d unchanged", what, stored.inserted().size(),
                            stored.updated().size(), stored.unchanged());
                    return;
                } catch (Exception e) {
                    if (!DatabaseFailures.isTransient(e)) {
                        throw new UnstorableArticleException(StoreMetrics.REFUSED_BY_DATABASE,
                                "The database refuses " + what + ": " + DatabaseFailures.describe(e), e);
                    }
                    metrics.error(StoreMetrics.DATABASE_UNAVAILABLE);
                    since = since == null ? Instant.now() : since;
                    stalls.put(waiting,
                            new Stall(first, articles.size(), since, retry + 1, DatabaseFailures.describe(e)));
                    Duration delay = backoff.delay(retry + 1);
                    LOG.warnf("Cannot store %s, retrying in %d ms (retry %d): %s",
                            what, delay.toMillis(), retry + 1, DatabaseFailures.describe(e));
                    pause(delay, what);
                }
            }
        } finally {
            stalls.remove(waiting);
        }
    }

    private static void pause(Duration delay, String what) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            // Quarkus interrupts worker threads only when its executor shuts down, which it does after the Kafka
            // connector has closed the consumer and the dead-letter producer: failing now neither commits nor
            // dead-letters the records, and they are delivered again after the restart.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stopped while waiting for the database; " + what + " not stored", e);
        }
    }
}
