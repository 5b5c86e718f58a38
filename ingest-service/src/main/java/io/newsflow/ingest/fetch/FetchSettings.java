package io.newsflow.ingest.fetch;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/**
 * How the service fetches feeds, sitemaps, article pages and robots.txt files ({@code newsflow.fetch.*}). The defaults
 * are in {@code application.properties}; the README's Settings table explains each one. Checked at start-up.
 */
@ConfigMapping(prefix = "newsflow.fetch")
public interface FetchSettings {

    /** Sent with every request; its first word (before '/') is the name robots.txt rules are matched against. */
    @NotBlank
    String userAgent();

    /** Whether loopback, private and other non-public addresses may be fetched. */
    boolean allowPrivate();

    Duration connectTimeout();

    /** Longest silence while waiting for response bytes. */
    Duration readTimeout();

    /** Longest time for one response, redirects excluded. */
    Duration totalTimeout();

    /** Largest body, counted after decompression. */
    MemorySize maxBodySize();

    @Min(0)
    @Max(20)
    int maxRedirects();

    /** Least time between the starts of two requests to one host. */
    Duration perHostInterval();

    /** Most requests open at once to one host (a slow host then costs only its own slots). */
    @Min(1)
    int perHostConcurrency();

    /** Most requests open at once across every host. */
    @Min(1)
    int maxInFlight();

    Robots robots();

    /** robots.txt handling (RFC 9309). */
    interface Robots {

        /** How long a robots.txt that was read (or answered 4xx: everything allowed) is trusted. */
        Duration cacheTime();

        /** How long a robots.txt that was unreachable (5xx, network) keeps its site disallowed before it is asked again. */
        Duration unreachableRetry();

        /** Content past this size is ignored (RFC 9309 asks crawlers to read at least 500 KiB). */
        MemorySize maxSize();

        /** Sites whose rules are kept at once; the least recently used are dropped first. */
        @Min(1)
        long cacheSize();
    }

    default long maxBodyBytes() {
        return maxBodySize().asLongValue();
    }

    /** The product token robots.txt groups are matched against. */
    default String robotName() {
        String name = userAgent().trim().split("[/\\s]", 2)[0];
        return name.isEmpty() ? "newsflow" : name;
    }
}
