package io.newsflow.store.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the consumer waits for the database to store a batch of articles, or while a batch has been
 * written for longer than {@code newsflow.store.stall-after} without the write failing or finishing: a connection
 * that hangs, a lock that is never released. The datasource check alone would miss a database that answers but cannot
 * take the write (a missing table, a read-only server, a blocked table); this one says which articles are held,
 * since when and why, without anyone reading the log.
 */
@Readiness
@ApplicationScoped
public class ArticleIntakeHealthCheck implements HealthCheck {

    static final String NAME = "article-intake";

    private final ArticleConsumer consumer;
    private final Duration stallAfter;

    ArticleIntakeHealthCheck(ArticleConsumer consumer,
            @ConfigProperty(name = "newsflow.store.stall-after") Duration stallAfter) {
        this.consumer = consumer;
        this.stallAfter = stallAfter;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        Optional<ArticleConsumer.Stall> waiting = consumer.stall();
        if (waiting.isPresent()) {
            ArticleConsumer.Stall stall = waiting.get();
            return response.down()
                    .withData("waitingForDatabase", true)
                    .withData("batches", consumer.stalledBatches())
                    .withData("article", stall.articleId())
                    .withData("articles", stall.articles())
                    .withData("since", stall.since().toString())
                    .withData("retries", stall.retries())
                    .withData("lastError", stall.lastError())
                    .build();
        }
        Instant now = Instant.now();
        return consumer.oldestInFlight()
                .filter(batch -> Duration.between(batch.since(), now).compareTo(stallAfter) > 0)
                .map(batch -> response.down()
                        .withData("stalled", true)
                        .withData("partitions", batch.partitions())
                        .withData("article", batch.articleId())
                        .withData("articles", batch.articles())
                        .withData("since", batch.since().toString())
                        .withData("stallAfter", stallAfter.toString())
                        .build())
                .orElseGet(() -> response.up().build());
    }
}
