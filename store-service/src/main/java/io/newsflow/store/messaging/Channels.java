package io.newsflow.store.messaging;

/** Reactive Messaging channel names of store-service; the topics behind them are set in application.properties. */
public final class Channels {

    /** EnrichedArticle records from {@code news.articles.enriched.v1}. */
    public static final String ENRICHED_IN = "enriched-in";

    private Channels() {
    }
}
