package io.newsflow.ingest.feed;

import java.time.Instant;

/**
 * A feed and how its polling goes, as {@code GET /feeds} shows it.
 *
 * @param status {@code pending} (not polled yet), {@code ok} (last poll succeeded, new items or not),
 *        {@code not-modified} (the server answered 304), {@code error} (the last poll failed; retried with backoff),
 *        {@code refused} (the URL, an address it resolves or redirects to, or robots.txt forbids fetching it)
 * @param itemsSeen distinct feed entries seen since the service started
 * @param articlesPublished articles published from this feed since the service started
 * @param articlesRefused entries that made no valid article (no headline and no text)
 */
public record FeedStatus(String id, String url, long intervalSeconds, String origin, Instant registeredAt,
        Instant lastPollAt, Instant nextPollAt, String status, String error, long itemsSeen, long articlesPublished,
        long articlesRefused) {
}
