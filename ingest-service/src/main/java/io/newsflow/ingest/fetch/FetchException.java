package io.newsflow.ingest.fetch;

/** A URL that was not fetched: refused by policy (private address, robots.txt, scheme) or failed on the way. */
public class FetchException extends Exception {

    private final boolean refused;

    private FetchException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    /** The service would not fetch it: the URL or its address is not allowed. Retrying will not help. */
    public static FetchException refused(String message) {
        return new FetchException(message, true, null);
    }

    /** It could not be fetched: network failure, timeout, too large, too many redirects. */
    public static FetchException failed(String message, Throwable cause) {
        return new FetchException(message, false, cause);
    }

    public boolean refused() {
        return refused;
    }
}
