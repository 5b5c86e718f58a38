package io.newsflow.ingest.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.newsflow.events.RawArticle;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes articles to the raw topic, keyed by article id so that every version of an article lands in the same
 * partition, in order. Completion means the broker acknowledged the record (acks=all): only then may a source report
 * an article as accepted.
 */
@ApplicationScoped
public class RawArticlePublisher {

    /** MDC key of the article a log line is about. */
    public static final String ARTICLE_ID = "articleId";

    /** Articles of one batch sent and not yet acknowledged, at most. */
    static final int IN_FLIGHT = 128;

    private static final Logger LOG = Logger.getLogger(RawArticlePublisher.class);

    private final MutinyEmitter<RawArticle> emitter;
    private final Duration ackTimeout;

    @Inject
    public RawArticlePublisher(@Channel(Channels.RAW_OUT) MutinyEmitter<RawArticle> emitter,
            @ConfigProperty(name = "newsflow.ingest.publish.ack-timeout") Duration ackTimeout) {
        this.emitter = emitter;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Sends one article; the Uni completes when Kafka acknowledged it and fails with {@link PublishException} when
     * it could not be sent or Kafka did not answer within the acknowledgement timeout. A timed-out record may still reach the
     * topic later; that is harmless, since a retry publishes the same id.
     */
    public Uni<Void> publish(RawArticle article) {
        Message<RawArticle> message = Message.of(article,
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(article.id()).build()));
        return emitter.sendMessage(message)
                .ifNoItem().after(ackTimeout)
                .failWith(() -> new PublishException("Kafka did not acknowledge article " + article.id()
                        + " within " + ackTimeout.toMillis() + " ms", null))
                .onFailure(failure -> !(failure instanceof PublishException))
                .transform(failure -> new PublishException("Could not publish article " + article.id() + ": " + failure,
                        failure))
                .onItem().invoke(() -> aboutArticle(article.id(), () -> LOG.debugf("Kafka acknowledged article %s",
                        article.id())))
                .onFailure().invoke(failure -> aboutArticle(article.id(), () -> LOG.warnf("Article %s not published: %s",
                        article.id(), failure.getMessage())));
    }

    /**
     * Runs {@code log} with the article's id in the MDC under {@value #ARTICLE_ID}, so the line can be found by id;
     * acknowledgements arrive on Kafka's threads, which carry no MDC of the caller.
     */
    public static void aboutArticle(String id, Runnable log) {
        MDC.put(ARTICLE_ID, id);
        try {
            log.run();
        } finally {
            MDC.remove(ARTICLE_ID);
        }
    }

    /**
     * Sends the articles, at most {@value #IN_FLIGHT} unacknowledged at a time (a batch of thousands sent at once
     * overflows the emitter's buffer and the producer's, and fails part-way), and completes when all are
     * acknowledged; fails, once all have settled, when any was not, with the kind of the worst failure: a record
     * that can never be accepted (too large, refused by the schema) before a broker that did not answer.
     */
    public Uni<Void> publishAll(List<RawArticle> articles) {
        if (articles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(articles)
                .onItem().transformToUni(article -> publish(article)
                        .onItem().transform(ignored -> (PublishException) null)
                        .onFailure().recoverWithItem(failure -> failure instanceof PublishException p ? p
                                : new PublishException(String.valueOf(failure), failure)))
                .merge(IN_FLIGHT)
                .filter(failure -> failure != null)
                .collect().asList()
                .onItem().transformToUni(failures -> {
                    if (failures.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    PublishException worst = failures.stream().filter(f -> !f.retryable()).findFirst()
                            .orElse(failures.get(0));
                    return Uni.createFrom().failure(new PublishException(failures.size() + " of " + articles.size()
                            + " articles not acknowledged; first: " + worst.getMessage(), worst, worst.kind()));
                });
    }
}
