package io.newsflow.ingest.messaging;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import io.newsflow.events.InvalidEventException;

/** Kafka did not acknowledge an article in time, or refused it: the article must not be reported as accepted. */
public class PublishException extends RuntimeException {

    /** What went wrong, which decides whether a retry can help. */
    public enum Kind {
        /** The broker did not answer in time or could not be reached: retrying later is safe and may succeed. */
        UNAVAILABLE,
        /** The record is larger than the broker or producer takes: it will never be accepted as it is. */
        TOO_LARGE,
        /** The event breaks the contract's schema: it will never be accepted as it is. */
        REFUSED
    }

    private final Kind kind;

    public PublishException(String message, Throwable cause) {
        this(message, cause, kindOf(cause));
    }

    public PublishException(String message, Throwable cause, Kind kind) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether retrying the same article may succeed. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }

    static Kind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PublishException publish) {
                return publish.kind();
            }
            if (t instanceof RecordTooLargeException) {
                return Kind.TOO_LARGE;
            }
            if (t instanceof InvalidEventException || t instanceof SerializationException) {
                return Kind.REFUSED;
            }
        }
        return Kind.UNAVAILABLE;
    }
}
