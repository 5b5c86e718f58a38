package io.newsflow.store;

import java.time.Instant;
import java.util.UUID;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Enrichment;
import io.newsflow.events.GoldenEvents;

/** EnrichedArticle events for tests: the golden sample under a fresh id, with the changes a test needs. */
public final class Articles {

    private Articles() {
    }

    public static EnrichedArticle fresh() {
        EnrichedArticle golden = GoldenEvents.enrichedArticle();
        return new EnrichedArticle(UUID.randomUUID().toString(), golden.url(), golden.canonicalUrl(), golden.title(),
                golden.body(), golden.summary(), golden.authors(), golden.publishedAt(), golden.fetchedAt(),
                golden.source(), golden.contentHash(), golden.language(), golden.entities(), golden.topics(),
                golden.enrichment());
    }

    public static EnrichedArticle enriched(EnrichedArticle article, String version, Instant enrichedAt) {
        Enrichment e = article.enrichment();
        return new EnrichedArticle(article.id(), article.url(), article.canonicalUrl(), article.title(),
                article.body(), article.summary(), article.authors(), article.publishedAt(), article.fetchedAt(),
                article.source(), article.contentHash(), article.language(), article.entities(), article.topics(),
                new Enrichment(version, e.engines(), e.tookMs(), e.truncated(), enrichedAt));
    }

    public static EnrichedArticle titled(EnrichedArticle article, String title) {
        return new EnrichedArticle(article.id(), article.url(), article.canonicalUrl(), title, article.body(),
                article.summary(), article.authors(), article.publishedAt(), article.fetchedAt(), article.source(),
                article.contentHash(), article.language(), article.entities(), article.topics(),
                article.enrichment());
    }
}
