package io.newsflow.store.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the consumer waits for the database to store a batch of articles. The datasource check alone
 * would miss a database that answers but cannot take the write (a missing table, a read-only server); this one says
 * which articles are held, since when and why, without anyone reading the log.
 */
@Readiness
@ApplicationScoped
public class ArticleIntakeHealthCheck implements HealthCheck {

    static final String NAME = "article-intake";

    private final ArticleConsumer consumer;

    ArticleIntakeHealthCheck(ArticleConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        return consumer.stall()
                .map(stall -> response.down()
                        .withData("waitingForDatabase", true)
                        .withData("batches", consumer.stalledBatches())
                        .withData("article", stall.articleId())
                        .withData("articles", stall.articles())
                        .withData("since", stall.since().toString())
                        .withData("retries", stall.retries())
                        .withData("lastError", stall.lastError())
                        .build())
                .orElseGet(() -> response.up().build());
    }
}
