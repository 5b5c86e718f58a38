package io.newsflow.store.messaging;

/**
 * A record that can never be stored: not a valid EnrichedArticle, or data the database refuses. Its message becomes
 * the {@code dead-letter-reason} header of the record on the dead-letter topic; {@link #reason()} is the short,
 * bounded kind of refusal the metrics count it under.
 */
public class UnstorableArticleException extends RuntimeException {

    private final String reason;

    public UnstorableArticleException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
