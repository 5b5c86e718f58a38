package io.newsflow.store.persistence;

import java.util.Objects;

import io.newsflow.events.EnrichedArticle;

/**
 * An EnrichedArticle as it arrived: the decoded, valid event and its JSON text, which the {@code event} column keeps
 * as received.
 */
public record ReceivedArticle(EnrichedArticle article, String json) {

    public ReceivedArticle {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(json, "json");
    }

    public String id() {
        return article.id();
    }
}
