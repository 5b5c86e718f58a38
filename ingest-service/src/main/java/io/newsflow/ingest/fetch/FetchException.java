package io.newsflow.ingest.fetch;

/**
 * A URL that was not fetched: refused by policy (private address, robots.txt, scheme), failed on the way in a way a
 * later try may not (network, timeout, an unreachable robots.txt), or failed for good (too large, too many redirects).
 */
public class FetchException extends Exception {

    private final boolean refused;
    private final boolean transientFailure;

    private FetchException(String message, boolean refused, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.refused = refused;
        this.transientFailure = transientFailure;
    }

    /** The service would not fetch it: the URL or its address is not allowed. Retrying will not help. */
    public static FetchException refused(String message) {
        return new FetchException(message, true, false, null);
    }

    /** It could not be fetched this time (network failure, timeout, robots.txt unreachable); a later try may work. */
    public static FetchException failed(String message, Throwable cause) {
        return new FetchException(message, false, true, cause);
    }

    /** It cannot be fetched as it is served (too large, too many or invalid redirects); retrying will not help. */
    public static FetchException permanent(String message, Throwable cause) {
        return new FetchException(message, false, false, cause);
    }

    public boolean refused() {
        return refused;
    }

    /** Whether a later try may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
