package io.newsflow.events;

/** Topic names of contract v1. Services read them from configuration; these are the defaults and what tests use. */
public final class Topics {

    public static final String RAW = "news.articles.raw.v1";
    public static final String ENRICHED = "news.articles.enriched.v1";
    public static final String RAW_DLQ = dlq(RAW);
    public static final String ENRICHED_DLQ = dlq(ENRICHED);

    /** Every topic of the contract, as devstack creates them. */
    public static final java.util.List<String> ALL = java.util.List.of(RAW, ENRICHED, RAW_DLQ, ENRICHED_DLQ);

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
