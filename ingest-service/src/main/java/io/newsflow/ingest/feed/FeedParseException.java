package io.newsflow.ingest.feed;

/** A body that is not a feed Rome can read safely (not XML, unknown format, a DOCTYPE); the message says why. */
public class FeedParseException extends Exception {

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
