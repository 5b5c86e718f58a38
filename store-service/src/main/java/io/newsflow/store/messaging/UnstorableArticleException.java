package io.newsflow.store.messaging;

/**
 * A record that can never be stored: not a valid EnrichedArticle, or data the database refuses. Its message becomes
 * the {@code dead-letter-reason} header of the record on the dead-letter topic.
 */
public class UnstorableArticleException extends RuntimeException {

    public UnstorableArticleException(String message, Throwable cause) {
        super(message, cause);
    }
}
