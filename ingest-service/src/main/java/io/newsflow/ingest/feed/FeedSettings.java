package io.newsflow.ingest.feed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import io.smallrye.config.ConfigMapping;

/**
 * Feeds and sitemaps ({@code newsflow.ingest.feeds.*}): where they are registered, how their polling is shared by the
 * replicas and how it goes. Defaults in {@code application.properties}; each one in the README's Settings table.
 * Checked at start-up.
 */
@ConfigMapping(prefix = "newsflow.ingest.feeds")
public interface FeedSettings {

    /** Compacted topic of the registrations, keyed by source id; its partitions are what the replicas share. */
    @NotBlank
    String topic();

    /** Compacted topic of each source's poll state, keyed by source id, where a new owner finds it. */
    @NotBlank
    String stateTopic();

    /** Source items given up, with the reason in a header. */
    @NotBlank
    String deadLetterTopic();

    /** Consumer group whose members share the registrations topic's partitions. */
    @NotBlank
    String group();

    /** Feeds from configuration, polled every default interval; they cannot be deleted over HTTP. */
    Optional<List<String>> urls();

    Duration defaultInterval();

    Duration minInterval();

    Duration maxInterval();

    /** Longest wait after repeated failures. */
    Duration maxBackoff();

    /** Most new entries taken from one poll; the rest are taken at the next, which comes soon. */
    @Min(1)
    int maxItemsPerPoll();

    /** Wait before a source with items left over (a page that failed for now, entries past the limit) is polled again. */
    Duration retryDelay();

    /** Tries of an item whose page keeps failing for now before the item is given up as a dead letter. */
    @Min(1)
    @Max(100)
    int maxPageAttempts();

    /** Child sitemaps of a sitemap index read per poll, at most. */
    @Min(1)
    int maxSitemapsPerIndex();
}
