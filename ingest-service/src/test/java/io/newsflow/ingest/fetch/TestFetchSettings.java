package io.newsflow.ingest.fetch;

import java.math.BigInteger;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;

/** Fetch settings built by hand for tests that run the fetcher without Quarkus. */
public record TestFetchSettings(String userAgent, boolean allowPrivate, Duration connectTimeout, Duration readTimeout,
        Duration totalTimeout, MemorySize maxBodySize, int maxRedirects, Duration perHostInterval, int perHostConcurrency,
        int maxInFlight, Robots robots) implements FetchSettings {

    public TestFetchSettings(String userAgent, boolean allowPrivate, Duration connectTimeout, Duration readTimeout,
            Duration totalTimeout, long maxBodyBytes, int maxRedirects, Duration perHostInterval, Duration robotsCacheTime) {
        this(userAgent, allowPrivate, connectTimeout, readTimeout, totalTimeout, new MemorySize(BigInteger.valueOf(maxBodyBytes)),
                maxRedirects, perHostInterval, 2, 16, new TestRobots(robotsCacheTime, Duration.ofMinutes(10),
                        new MemorySize(BigInteger.valueOf(500 * 1024)), 1000));
    }

    public record TestRobots(Duration cacheTime, Duration unreachableRetry, MemorySize maxSize, long cacheSize)
            implements Robots {
    }
}
