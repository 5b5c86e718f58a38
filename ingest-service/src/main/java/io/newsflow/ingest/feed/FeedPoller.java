package io.newsflow.ingest.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.article.ArticleSubmission;
import io.newsflow.ingest.article.ArticleValidator;
import io.newsflow.ingest.article.Violation;
import io.newsflow.ingest.extract.ExtractedArticle;
import io.newsflow.ingest.extract.HtmlArticleExtractor;
import io.newsflow.ingest.fetch.FetchException;
import io.newsflow.ingest.fetch.FetchResponse;
import io.newsflow.ingest.fetch.Fetcher;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.newsflow.ingest.messaging.PublishException;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.scheduler.Scheduled;

/**
 * Polls every feed (registered over HTTP or configured) on its own interval, with ±10 % jitter so feeds registered
 * together do not fire together. Conditional GET (ETag / Last-Modified) spares unchanged feeds; failures back off
 * exponentially up to a ceiling; 429 and 503 wait at least as long as {@code Retry-After} says. Each new entry's page
 * is fetched and its article extracted, the entry's own text standing in when the page cannot be fetched or read.
 *
 * <p>Entries already seen are remembered in memory only: after a restart they are published again, which is harmless
 * because their ids are the same. The validators (ETag / Last-Modified) are kept only once every new entry of a poll
 * reached Kafka, so nothing is skipped after a failed publish.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);
    private static final int MAX_REMEMBERED_ITEMS = 10_000;

    private final FeedRegistry registry;
    private final Fetcher fetcher;
    private final ArticleFactory factory;
    private final RawArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final List<Feed> configured;
    private final Duration maxBackoff;
    private final int maxItemsPerPoll;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    @Inject
    public FeedPoller(FeedRegistry registry, Fetcher fetcher, ArticleFactory factory, RawArticlePublisher publisher,
            IngestMetrics metrics,
            @ConfigProperty(name = "newsflow.ingest.feeds.urls") Optional<List<String>> urls,
            @ConfigProperty(name = "newsflow.ingest.feeds.default-interval") Duration defaultInterval,
            @ConfigProperty(name = "newsflow.ingest.feeds.max-backoff") Duration maxBackoff,
            @ConfigProperty(name = "newsflow.ingest.feeds.max-items-per-poll") int maxItemsPerPoll) {
        this.registry = registry;
        this.fetcher = fetcher;
        this.factory = factory;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
        Instant now = clock.instant();
        this.configured = urls.orElse(List.of()).stream()
                .map(String::trim)
                .filter(u -> !u.isEmpty())
                .map(u -> new Feed(Feed.idOf(u), ArticleIdentity.normaliseUrl(u), defaultInterval.toSeconds(), Feed.CONFIG, now))
                .toList();
        this.maxBackoff = maxBackoff;
        this.maxItemsPerPoll = maxItemsPerPoll;
    }

    /** Every feed: configured ones first, then registered ones; a configured URL wins over a registration of it. */
    public List<Feed> feeds() {
        Map<String, Feed> all = new LinkedHashMap<>();
        configured.forEach(f -> all.put(f.id(), f));
        registry.feeds().stream()
                .sorted((a, b) -> a.registeredAt().compareTo(b.registeredAt()))
                .forEach(f -> all.putIfAbsent(f.id(), f));
        return List.copyOf(all.values());
    }

    public Optional<Feed> find(String id) {
        return feeds().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public FeedStatus status(Feed feed) {
        State state = states.get(feed.id());
        if (state == null) {
            return new FeedStatus(feed.id(), feed.url(), feed.intervalSeconds(), feed.origin(), feed.registeredAt(), null,
                    null, "pending", null, 0, 0, 0);
        }
        synchronized (state) {
            return new FeedStatus(feed.id(), feed.url(), feed.intervalSeconds(), feed.origin(), feed.registeredAt(),
                    state.lastPollAt, state.nextPollAt, state.status, state.error, state.seen.size(), state.published,
                    state.refused);
        }
    }

    /** Forgets a deleted feed's state, so registering it again starts afresh. */
    public void forget(String id) {
        states.remove(id);
    }

    @Scheduled(identity = "feed-poller", every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        for (Feed feed : feeds()) {
            State state = states.computeIfAbsent(feed.id(), id -> new State());
            if (state.nextPollAt == null || !now.isBefore(state.nextPollAt)) {
                try {
                    poll(feed, state);
                } catch (RuntimeException e) {
                    // Whatever a feed serves, it must not stop the other feeds from being polled, nor be polled again
                    // on every tick: it fails like any unreadable feed and backs off.
                    LOG.errorf(e, "Feed %s: unexpected failure while polling", feed.url());
                    fail(feed, state, "error", "unexpected failure: " + e, Duration.ofSeconds(feed.intervalSeconds()), null);
                }
            }
        }
        states.keySet().retainAll(feeds().stream().map(Feed::id).toList());
    }

    void poll(Feed feed, State state) {
        Duration interval = Duration.ofSeconds(feed.intervalSeconds());
        Instant started = clock.instant();
        state.lastPollAt = started;
        Map<String, String> headers = new HashMap<>();
        if (state.etag != null) {
            headers.put("If-None-Match", state.etag);
        }
        if (state.lastModified != null) {
            headers.put("If-Modified-Since", state.lastModified);
        }
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        FetchResponse response;
        try {
            response = fetcher.get(feed.url(), headers);
        } catch (FetchException e) {
            fail(feed, state, e.refused() ? "refused" : "error", e.getMessage(), interval, null);
            return;
        }
        if (response.status() == 304) {
            succeed(state, "not-modified", interval);
            return;
        }
        if (response.status() == 429 || response.status() == 503) {
            fail(feed, state, "error", "HTTP " + response.status(), interval, retryAfter(response.header("retry-after")));
            return;
        }
        if (!response.ok()) {
            fail(feed, state, "error", "HTTP " + response.status(), interval, null);
            return;
        }
        ParsedFeed parsed;
        try {
            parsed = FeedParser.parse(response.body(), response.header("content-type"), response.url());
        } catch (FeedParseException e) {
            fail(feed, state, "error", e.getMessage(), interval, null);
            return;
        }
        String sourceName = parsed.title() != null ? parsed.title() : URI.create(feed.url()).getHost();
        List<FeedItem> fresh = new ArrayList<>();
        for (FeedItem item : parsed.items()) {
            if (item.key() != null && !state.seen.contains(item.key()) && fresh.size() < maxItemsPerPoll) {
                fresh.add(item);
            }
        }
        // Feeds list newest first; publishing oldest first keeps the topic in story order.
        Collections.reverse(fresh);
        for (FeedItem item : fresh) {
            metrics.received(SourceType.FEED, 1);
            Optional<RawArticle> article = article(feed, item, sourceName);
            if (article.isPresent()) {
                MDC.put(RawArticlePublisher.ARTICLE_ID, article.get().id());
                try {
                    publisher.publish(article.get()).await().indefinitely();
                    state.published++;
                    metrics.published(SourceType.FEED, 1);
                    LOG.infof("Feed %s: published %s as %s", feed.url(), item.link(), article.get().id());
                } catch (PublishException e) {
                    metrics.refused(SourceType.FEED, IngestMetrics.PUBLISH_FAILED, 1);
                    metrics.error(IngestMetrics.PUBLISH_FAILED);
                    fail(feed, state, "error", "publishing failed, retrying: " + e.getMessage(), interval, null);
                    return;
                } finally {
                    MDC.remove(RawArticlePublisher.ARTICLE_ID);
                }
            } else {
                state.refused++;
                metrics.refused(SourceType.FEED, "invalid", 1);
            }
            state.remember(item.key());
        }
        state.etag = response.header("etag");
        state.lastModified = response.header("last-modified");
        succeed(state, "ok", interval);
    }

    private Optional<RawArticle> article(Feed feed, FeedItem item, String sourceName) {
        ExtractedArticle page = null;
        String pageUrl = item.link();
        if (item.link() != null) {
            try {
                FetchResponse response = fetcher.get(item.link(), Map.of("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"));
                String type = response.header("content-type");
                if (response.ok() && (type == null || type.toLowerCase(Locale.ROOT).contains("html"))) {
                    pageUrl = response.url();
                    page = HtmlArticleExtractor.extract(response.body(), type, response.url());
                } else {
                    LOG.infof("Feed %s: %s answered HTTP %d (%s); using the feed's own text", feed.url(), item.link(),
                            response.status(), type);
                }
            } catch (FetchException e) {
                LOG.infof("Feed %s: %s not fetched (%s); using the feed's own text", feed.url(), item.link(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Feed %s: %s could not be read; using the feed's own text", feed.url(), item.link());
            }
        }
        String title = page != null && page.title() != null ? page.title() : item.title();
        String body = page != null && page.text() != null ? page.text() : item.text();
        List<String> authors = page != null && !page.authors().isEmpty() ? page.authors() : item.authors();
        Instant published = page != null && page.publishedAt() != null ? page.publishedAt() : item.published();
        String canonical = canonical(page, pageUrl);
        ArticleSubmission submission = new ArticleSubmission(pageUrl, canonical, title, body, item.summary(),
                authors.stream().limit(ArticleValidator.MAX_AUTHORS).filter(a -> a.length() <= ArticleValidator.MAX_NAME).toList(),
                dateText(published), sourceName)
                .clipped();
        List<Violation> violations = ArticleValidator.validate(submission);
        if (!violations.isEmpty()) {
            LOG.warnf("Feed %s: entry %s makes no valid article: %s", feed.url(), item.key(), violations);
            return Optional.empty();
        }
        return Optional.of(factory.create(submission, SourceType.FEED, sourceName, feed.url()));
    }

    /** The date as the contract writes it, or null when it is outside the years 0001–9999 the contract allows. */
    private static String dateText(Instant instant) {
        if (instant == null) {
            return null;
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999 ? instant.toString() : null;
    }

    /**
     * The page's {@code <link rel=canonical>} when it stays on the page's own site (a page must not claim another
     * site's article and overwrite it downstream), else the page URL without tracking parameters.
     */
    static String canonical(ExtractedArticle page, String pageUrl) {
        if (pageUrl == null) {
            return null;
        }
        try {
            if (page != null && page.canonicalUrl() != null && sameSite(page.canonicalUrl(), pageUrl)) {
                return ArticleIdentity.normaliseUrl(page.canonicalUrl());
            }
            return ArticleIdentity.withoutTracking(pageUrl);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameSite(String a, String b) {
        String hostA = site(URI.create(a).getHost());
        String hostB = site(URI.create(b).getHost());
        return hostA.equals(hostB) || hostA.endsWith("." + hostB) || hostB.endsWith("." + hostA);
    }

    private static String site(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("www.") ? lower.substring(4) : lower;
    }

    private void succeed(State state, String status, Duration interval) {
        metrics.feedPoll(status);
        synchronized (state) {
            state.status = status;
            state.error = null;
            state.failures = 0;
            state.nextPollAt = clock.instant().plus(jittered(interval));
        }
    }

    private void fail(Feed feed, State state, String status, String error, Duration interval, Duration retryAfter) {
        metrics.feedPoll(status);
        synchronized (state) {
            state.status = status;
            state.error = error;
            state.failures++;
            Duration backoff = interval.multipliedBy(1L << Math.min(state.failures, 20));
            if (backoff.compareTo(maxBackoff) > 0) {
                backoff = maxBackoff;
            }
            Duration wait = jittered(backoff);
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            state.nextPollAt = clock.instant().plus(wait);
            LOG.warnf("Feed %s: %s; next poll in %d s", feed.url(), error, wait.toSeconds());
        }
    }

    private static Duration jittered(Duration base) {
        long millis = base.toMillis();
        long jitter = (long) (millis * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(0, millis + jitter));
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** What is known of one feed's polling. Guarded by its own monitor where read from HTTP threads. */
    static final class State {
        Instant lastPollAt;
        Instant nextPollAt;
        String status = "pending";
        String error;
        String etag;
        String lastModified;
        int failures;
        long published;
        long refused;
        final LinkedHashSet<String> seen = new LinkedHashSet<>();

        synchronized void remember(String key) {
            seen.add(key);
            if (seen.size() > MAX_REMEMBERED_ITEMS) {
                seen.remove(seen.iterator().next());
            }
        }
    }
}
