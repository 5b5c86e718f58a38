package io.newsflow.ingest.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * robots.txt of each site (scheme, host and port), read once and kept in a bounded cache, each entry for as long as its
 * outcome deserves (RFC 9309, section 2.3.1):
 * <ul>
 * <li>2xx: the rules, parsed by crawler-commons from at most {@code max-size} bytes (the rest is ignored, as the RFC
 * allows past 500 KiB), kept for {@code cache-time};
 * <li>4xx ("unavailable"), or more redirects than are followed: everything allowed, for {@code cache-time};
 * <li>5xx, 429 and network failures ("unreachable"): nothing allowed, for {@code unreachable-retry}, then asked again.
 * 429 is a 4xx, but it asks the crawler to back off, not to go ahead.
 * </ul>
 * Redirects are followed like any fetch (each hop checked). Concurrent first requests to one site share one read.
 */
final class RobotsCache {

    private static final Logger LOG = Logger.getLogger(RobotsCache.class);

    /** The rules of a site, with how long they are trusted. */
    record Entry(BaseRobotRules rules, Duration ttl, boolean unreachable) {
    }

    private final AsyncCache<String, Entry> cache;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final FetchSettings.Robots settings;
    private final String robotName;

    RobotsCache(FetchSettings.Robots settings, String robotName) {
        this.settings = settings;
        this.robotName = robotName.toLowerCase(Locale.ROOT);
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheSize())
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.ttl().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return value.ttl().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
    }

    /**
     * The rules of {@code origin} ({@code scheme://authority}), read with {@code fetch} when not cached. Fails only
     * when the fetch was refused by policy (the site itself may not be fetched).
     */
    CompletableFuture<Entry> rules(String origin, Function<String, CompletableFuture<FetchResponse>> fetch) {
        return cache.get(origin, (key, executor) -> read(key, fetch));
    }

    private CompletableFuture<Entry> read(String origin, Function<String, CompletableFuture<FetchResponse>> fetch) {
        String url = origin + "/robots.txt";
        return fetch.apply(url).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                if (cause instanceof FetchException e && e.refused()) {
                    throw new java.util.concurrent.CompletionException(e);
                }
                if (cause instanceof FetchException e && !e.isTransient()) {
                    return allowAll();
                }
                LOG.infof("robots.txt of %s is unreachable, so nothing there is fetched for %d s: %s", origin,
                        settings.unreachableRetry().toSeconds(), cause.getMessage());
                return disallowAll();
            }
            int status = response.status();
            if (status >= 200 && status < 300) {
                return new Entry(parser.parseContent(url, response.body(), response.header("content-type"),
                        List.of(robotName)), settings.cacheTime(), false);
            }
            if (status == 429 || status >= 500) {
                LOG.infof("robots.txt of %s answered HTTP %d, so nothing there is fetched for %d s", origin, status,
                        settings.unreachableRetry().toSeconds());
                return disallowAll();
            }
            return allowAll();
        });
    }

    private Entry allowAll() {
        return new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), settings.cacheTime(), false);
    }

    private Entry disallowAll() {
        return new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), settings.unreachableRetry(), true);
    }
}
