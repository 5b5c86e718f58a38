package io.newsflow.ingest.messaging;

/** Reactive Messaging channel names of ingest-service. Topics are bound to them in application.properties. */
public final class Channels {

    /** Accepted articles, to {@code news.articles.raw.v1}. */
    public static final String RAW_OUT = "raw-out";

    private Channels() {
    }
}
