package io.newsflow.ingest.source;

/** A dropped file that cannot be ingested as it is; the message says why, for the operator. */
public class UnreadableFileException extends Exception {

    /** Why, as a metric label: {@code empty}, {@code binary}, {@code not-utf8}, {@code invalid}. */
    private final String reason;

    public UnreadableFileException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
