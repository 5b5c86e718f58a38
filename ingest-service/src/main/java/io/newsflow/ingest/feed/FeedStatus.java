package io.newsflow.ingest.feed;

import java.time.Instant;
import java.util.Map;

/**
 * A source and how its polling goes, as {@code GET /feeds} and {@code GET /sources} show it.
 *
 * @param kind {@code feed} or {@code sitemap}
 * @param status {@code pending} (not polled yet), {@code ok} (last poll succeeded, new items or not),
 *        {@code not-modified} (the server answered 304), {@code error} (the last poll failed; retried with backoff),
 *        {@code refused} (the URL, an address it resolves or redirects to, or robots.txt forbids fetching it)
 * @param health {@code pending}, {@code ok}, {@code quiet}, {@code failing} ({@link SourceHealth})
 * @param itemsSeen distinct entries remembered (the most recent 2,000)
 * @param articlesPublished articles published from this source
 * @param articlesRefused entries that made no valid article (no headline and no text)
 * @param itemsPending entries whose page failed for now, waiting for another try
 * @param itemsPerHour articles in the current hour, and {@code baselinePerHour} the source's own moving mean
 * @param responses responses by status class ({@code 2xx}, {@code 304}, {@code 403}, {@code 404}, {@code 429},
 *        {@code 4xx}, {@code 5xx}, {@code network}, {@code refused})
 * @param counts {@code extractionFailures}, {@code emptyBodies}, {@code deadLettered}, {@code refused}
 */
public record FeedStatus(String id, String url, String kind, long intervalSeconds, String origin, Instant registeredAt,
        Instant lastPollAt, Instant nextPollAt, Instant lastSuccessAt, Instant lastItemAt, String status, String error,
        String health, long itemsSeen, long articlesPublished, long articlesRefused, int itemsPending, long itemsPerHour,
        double baselinePerHour, Map<String, Long> responses, Map<String, Long> counts) {

    public static FeedStatus of(Feed feed, FeedPoller.State state, Instant now) {
        if (state == null) {
            return new FeedStatus(feed.id(), feed.url(), feed.kind(), feed.intervalSeconds(), feed.origin(),
                    feed.registeredAt(), null, null, null, null, "pending", null, SourceHealth.PENDING, 0, 0, 0, 0, 0, 0,
                    Map.of(), Map.of());
        }
        String health = SourceHealth.of(state, now);
        synchronized (state) {
            return new FeedStatus(feed.id(), feed.url(), feed.kind(), feed.intervalSeconds(), feed.origin(),
                    feed.registeredAt(), state.lastPollAt, state.nextPollAt, state.lastSuccessAt, state.lastItemAt,
                    state.status, state.error, health, state.seen.size(), state.published, state.refused,
                    state.attempts.size(), state.rate.count, Math.round(state.rate.baseline * 100) / 100.0,
                    Map.copyOf(state.responses), Map.copyOf(state.counts));
        }
    }
}
