package io.newsflow.ingest.fetch;

import java.time.Duration;

/**
 * How the service fetches feeds, article pages and robots.txt files.
 *
 * @param userAgent sent with every request; its first word (before '/') is the name robots.txt rules are matched against
 * @param allowPrivate whether loopback, private and other non-public addresses may be fetched
 * @param connectTimeout to open a connection
 * @param readTimeout longest silence while waiting for response bytes
 * @param totalTimeout longest time for one response, redirects excluded
 * @param maxBodyBytes largest body, counted after decompression
 * @param maxRedirects redirects followed before giving up
 * @param perHostInterval least time between two requests to the same host
 * @param robotsCacheTime how long a site's robots.txt is trusted before it is read again
 */
public record FetchSettings(String userAgent, boolean allowPrivate, Duration connectTimeout, Duration readTimeout,
        Duration totalTimeout, long maxBodyBytes, int maxRedirects, Duration perHostInterval, Duration robotsCacheTime) {

    /** The product token robots.txt groups are matched against. */
    public String robotName() {
        String name = userAgent.trim().split("[/\\s]", 2)[0];
        return name.isEmpty() ? "newsflow" : name;
    }
}
