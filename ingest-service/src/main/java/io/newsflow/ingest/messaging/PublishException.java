package io.newsflow.ingest.messaging;

/** Kafka did not acknowledge an article in time, or refused it: the article must not be reported as accepted. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
