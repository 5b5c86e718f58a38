package io.newsflow.enrich.messaging;

/** Channel names of enrich-service. Topics are bound to them in {@code application.properties}. */
public final class Channels {

    /** Raw articles to enrich, from {@code news.articles.raw.v1}. */
    public static final String RAW_IN = "raw-in";

    /** Enriched articles, to {@code news.articles.enriched.v1}. */
    public static final String ENRICHED_OUT = "enriched-out";

    private Channels() {
    }
}
