package io.newsflow.store.persistence;

import java.util.List;
import java.util.Optional;

import io.newsflow.events.EnrichedArticle;

/** One page of stored articles, newest first, and where the next page starts (empty on the last page). */
public record ArticlePage(List<EnrichedArticle> items, Optional<PagePosition> next) {

    public ArticlePage {
        items = List.copyOf(items);
    }
}
