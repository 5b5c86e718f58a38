package io.newsflow.enrich.messaging;

import io.newsflow.enrich.metrics.FailureReason;

/**
 * An article the engines could not enrich. Its message becomes the dead letter's {@code dead-letter-reason} header, so
 * it starts with the reason tag ({@code engine-failure: …}, {@code engine-timeout: …}).
 */
public class EnrichmentFailedException extends Exception {

    private final FailureReason reason;

    EnrichmentFailedException(FailureReason reason, String detail, Throwable cause) {
        super(reason.tag() + ": " + detail, cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
