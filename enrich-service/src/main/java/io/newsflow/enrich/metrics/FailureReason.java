package io.newsflow.enrich.metrics;

/** Why an article was not enriched: the {@code reason} tag of the failure metrics and the start of the dead letter's reason. */
public enum FailureReason {

    /** The record is not a valid RawArticle (not JSON, against the schema, empty). */
    INVALID_EVENT("invalid-event"),

    /** An engine threw on the article. */
    ENGINE_FAILURE("engine-failure"),

    /** The engines took longer than {@code newsflow.enrich.timeout}. */
    ENGINE_TIMEOUT("engine-timeout");

    private final String tag;

    FailureReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
