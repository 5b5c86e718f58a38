package io.newsflow.store.persistence;

import java.util.List;
import java.util.Optional;

import io.newsflow.events.EnrichedArticle;

/**
 * One page of stored articles, newest first, where the next page starts (empty on the last page), and the listing's
 * visibility horizon: every article stored below it is listed (on this page or another of the listing), every
 * article stored later lies above it.
 */
public record ArticlePage(List<EnrichedArticle> items, Optional<PagePosition> next, long horizon) {

    public ArticlePage {
        items = List.copyOf(items);
    }
}
