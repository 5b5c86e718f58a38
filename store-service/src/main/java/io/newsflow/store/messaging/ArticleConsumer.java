package io.newsflow.store.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.InvalidEventException;
import io.newsflow.store.persistence.ArticleRepository;
import io.newsflow.store.persistence.DatabaseFailures;
import io.smallrye.common.annotation.Blocking;

/**
 * Stores every EnrichedArticle from {@code news.articles.enriched.v1}.
 * <p>
 * A record that can never be stored (not a valid event, or data the database refuses) fails the method: the
 * connector's dead-letter-queue strategy copies it, original bytes and key, to {@code news.articles.enriched.v1.dlq}
 * with the reason in its headers, and the stream goes on.
 * <p>
 * A database that is down or failing is not the record's fault, so it never dead-letters a record: the write is
 * retried with capped exponential backoff, each attempt in its own transaction, until the database answers. The
 * method returns, and the record is acknowledged, only after the transaction has committed.
 * <p>
 * Waiting here does not cost the group membership. Records are processed one at a time on a worker thread, apart
 * from the connector's polling thread; that thread keeps calling {@code poll()}, so {@code max.poll.interval.ms}
 * never runs out, and once its queue holds {@code max.poll.records × max-queue-size-factor} records it pauses the
 * assigned partitions ({@code pause-if-no-requests=true}) so those polls fetch nothing. Consumption resumes by
 * itself when the backlog drains. The only thing that would give up on a waiting record is the throttled commit
 * strategy's {@code unprocessed-record-max-age}, which closes the consumer; application.properties disables it for
 * this channel.
 */
@ApplicationScoped
public class ArticleConsumer {

    private static final Logger LOG = Logger.getLogger(ArticleConsumer.class);

    private final ArticleRepository repository;
    private final Backoff backoff;
    private volatile Stall stall;

    /** The consumer is held on one article because the database is unavailable: since when, and why. */
    public record Stall(String articleId, Instant since, int retries, String lastError) {
    }

    ArticleConsumer(ArticleRepository repository,
            @ConfigProperty(name = "newsflow.store.retry.initial-delay") Duration initialDelay,
            @ConfigProperty(name = "newsflow.store.retry.max-delay") Duration maxDelay) {
        this.repository = repository;
        this.backoff = new Backoff(initialDelay, maxDelay);
    }

    /** Present while the consumer is waiting for the database to store an article. */
    public Optional<Stall> stall() {
        return Optional.ofNullable(stall);
    }

    @Incoming(Channels.ENRICHED_IN)
    @Blocking
    public void consume(byte[] value) {
        EnrichedArticle article;
        try {
            article = EventCodec.decodeEnriched(value);
        } catch (InvalidEventException e) {
            throw new UnstorableArticleException("Not a valid EnrichedArticle: " + e.getMessage(), e);
        }
        storeWhenTheDatabaseAnswers(article, new String(value, StandardCharsets.UTF_8));
    }

    private void storeWhenTheDatabaseAnswers(EnrichedArticle article, String eventJson) {
        Instant since = null;
        try {
            for (int retry = 0;; retry++) {
                try {
                    boolean written = repository.upsert(article, eventJson);
                    if (retry > 0) {
                        LOG.infof("Stored article %s after %d retries: the database is back", article.id(), retry);
                    }
                    if (!written) {
                        LOG.debugf("Article %s unchanged: the store already holds this or a newer enrichment",
                                article.id());
                    }
                    return;
                } catch (Exception e) {
                    if (!DatabaseFailures.isTransient(e)) {
                        throw new UnstorableArticleException(
                                "The database refuses article " + article.id() + ": " + DatabaseFailures.describe(e), e);
                    }
                    since = since == null ? Instant.now() : since;
                    stall = new Stall(article.id(), since, retry + 1, DatabaseFailures.describe(e));
                    Duration delay = backoff.delay(retry + 1);
                    LOG.warnf("Cannot store article %s, retrying in %d ms (retry %d): %s",
                            article.id(), delay.toMillis(), retry + 1, DatabaseFailures.describe(e));
                    pause(delay, article);
                }
            }
        } finally {
            stall = null;
        }
    }

    private static void pause(Duration delay, EnrichedArticle article) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            // Quarkus interrupts worker threads only when its executor shuts down, which it does after the Kafka
            // connector has closed the consumer and the dead-letter producer: failing now neither commits nor
            // dead-letters the record, and it is delivered again after the restart.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stopped while waiting for the database; article " + article.id()
                    + " was not stored", e);
        }
    }
}
