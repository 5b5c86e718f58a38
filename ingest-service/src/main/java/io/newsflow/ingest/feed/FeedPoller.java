package io.newsflow.ingest.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
import io.newsflow.ingest.messaging.DeadLetters;
import io.newsflow.ingest.messaging.PublishException;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.sitemap.SitemapReader;

/**
 * One poll of one source (a feed or a sitemap): conditional GET (ETag / Last-Modified), the new entries' pages fetched
 * at once (each waits for its host's turn in the {@link Fetcher}, holding no thread), their articles extracted and
 * published, and the source's {@link State} brought up to date. Failures back off exponentially up to a ceiling; 429
 * and 503 wait at least as long as {@code Retry-After} says.
 *
 * <p>Nothing is lost: the validators are kept only when every entry of that response was handled (published, or given
 * up for good), so a 304 never hides entries left over by the item limit, a failed page or a failed publication. A
 * page that fails for now (5xx, 429, network, robots.txt unreachable) keeps its entry for the next poll, up to
 * {@code max-page-attempts} tries, then the entry is a dead letter: it is never published from the feed's summary,
 * which would give the story another id than its page's canonical URL. A page that cannot be had at all (404,
 * refused, not HTML) leaves the feed's own text to stand in. An article the broker can never take is a dead letter.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);
    static final int MAX_REMEMBERED_ITEMS = 2_000;
    private static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, "
            + "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1";
    private static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

    private final Fetcher fetcher;
    private final ArticleFactory factory;
    private final RawArticlePublisher publisher;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final FeedSettings settings;
    private final Clock clock = Clock.systemUTC();
    /** Parsing and extraction: CPU work, kept off the HTTP client's event loop and bounded by the cores. */
    private final ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
            runnable -> {
                Thread thread = new Thread(runnable, "source-extract");
                thread.setDaemon(true);
                return thread;
            });

    @Inject
    public FeedPoller(Fetcher fetcher, ArticleFactory factory, RawArticlePublisher publisher, DeadLetters deadLetters,
            IngestMetrics metrics, FeedSettings settings) {
        this.fetcher = fetcher;
        this.factory = factory;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
    }

    @PreDestroy
    void close() {
        workers.shutdownNow();
    }

    /** Polls and waits. */
    public void poll(Feed feed, State state) {
        pollAsync(feed, state).join();
    }

    /** Polls; completes when the poll is over and {@code state} says how it went. Never fails. */
    public CompletableFuture<Void> pollAsync(Feed feed, State state) {
        Duration interval = Duration.ofSeconds(feed.intervalSeconds());
        synchronized (state) {
            state.lastPollAt = clock.instant();
        }
        if (feed.sitemap() && URI.create(feed.url()).getPath().equals("/robots.txt")) {
            return announced(feed, state, interval);
        }
        Map<String, String> headers = new HashMap<>();
        if (state.etag != null) {
            headers.put("If-None-Match", state.etag);
        }
        if (state.lastModified != null) {
            headers.put("If-Modified-Since", state.lastModified);
        }
        headers.put("Accept", FEED_ACCEPT);
        return fetchTwice(feed.url(), headers)
                .handleAsync((response, failure) -> {
                    if (failure != null) {
                        FetchException e = Fetcher.unwrap(failure);
                        state.fetched(e.refused() ? "refused" : "network");
                        fail(feed, state, e.refused() ? "refused" : "error", e.getMessage(), interval, null);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return answered(feed, state, response, interval);
                }, workers)
                .thenCompose(done -> done)
                .exceptionally(failure -> {
                    // Whatever a source serves, it must not stop the others, nor be polled again at once.
                    LOG.errorf(failure, "Source %s: unexpected failure while polling", feed.url());
                    fail(feed, state, "error", "unexpected failure: " + failure, interval, null);
                    return null;
                });
    }

    private CompletableFuture<Void> answered(Feed feed, State state, FetchResponse response, Duration interval) {
        state.fetched(statusClass(response.status()));
        if (response.status() == 304) {
            succeed(state, "not-modified", interval);
            return CompletableFuture.completedFuture(null);
        }
        if (response.status() == 429 || response.status() == 503) {
            fail(feed, state, "error", "HTTP " + response.status(), interval, retryAfter(response.header("retry-after")));
            return CompletableFuture.completedFuture(null);
        }
        if (!response.ok()) {
            fail(feed, state, "error", "HTTP " + response.status(), interval, null);
            return CompletableFuture.completedFuture(null);
        }
        if (!feed.sitemap()) {
            ParsedFeed parsed;
            try {
                parsed = FeedParser.parse(response.body(), response.header("content-type"), response.url());
            } catch (FeedParseException e) {
                fail(feed, state, "error", e.getMessage(), interval, null);
                return CompletableFuture.completedFuture(null);
            }
            String sourceName = parsed.title() != null ? parsed.title() : URI.create(feed.url()).getHost();
            return entries(feed, state, response, parsed.items(), sourceName, interval);
        }
        SitemapReader.Sitemap sitemap;
        try {
            sitemap = SitemapReader.read(response.body(), response.header("content-type"), response.url());
        } catch (FeedParseException e) {
            fail(feed, state, "error", e.getMessage(), interval, null);
            return CompletableFuture.completedFuture(null);
        }
        String sourceName = URI.create(feed.url()).getHost();
        if (sitemap.children().isEmpty()) {
            return entries(feed, state, response, sitemap.items(), sourceName, interval);
        }
        return children(feed, state, response, sitemap.children(), sourceName, interval);
    }

    /**
     * A sitemap source registered as a site's robots.txt: the sitemaps its {@code Sitemap:} lines announce are read
     * like the sitemaps of an index.
     */
    private CompletableFuture<Void> announced(Feed feed, State state, Duration interval) {
        return fetcher.announcedSitemaps(feed.url()).handleAsync((sitemaps, failure) -> {
            if (failure != null) {
                FetchException e = Fetcher.unwrap(failure);
                fail(feed, state, e.refused() ? "refused" : "error", e.getMessage(), interval, null);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (sitemaps.isEmpty()) {
                fail(feed, state, "error", "the robots.txt announces no sitemap", interval, null);
                return CompletableFuture.<Void>completedFuture(null);
            }
            FetchResponse none = new FetchResponse(200, Map.of(), new byte[0], feed.url());
            return children(feed, state, none, sitemaps, URI.create(feed.url()).getHost(), interval);
        }, workers).thenCompose(done -> done);
    }

    /** Reads the last sitemaps of {@code children} (indexes usually grow at the end) and their items as one poll. */
    private CompletableFuture<Void> children(Feed feed, State state, FetchResponse response, List<String> children,
            String sourceName, Duration interval) {
        List<String> read = children.subList(Math.max(0, children.size() - settings.maxSitemapsPerIndex()), children.size());
        List<CompletableFuture<List<FeedItem>>> parts = read.stream().map(child -> fetcher.fetch(child, Map.of("Accept", FEED_ACCEPT))
                .thenApplyAsync(r -> {
                    try {
                        return r.ok() ? SitemapReader.read(r.body(), r.header("content-type"), r.url()).items() : List.<FeedItem>of();
                    } catch (FeedParseException e) {
                        LOG.infof("Sitemap %s of %s is unreadable: %s", child, feed.url(), e.getMessage());
                        return List.<FeedItem>of();
                    }
                }, workers)
                .exceptionally(f -> List.of())).toList();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenComposeAsync(v -> {
            List<FeedItem> items = new ArrayList<>();
            parts.forEach(part -> items.addAll(part.join()));
            return entries(feed, state, response, items, sourceName, interval);
        }, workers);
    }

    /**
     * Fetches once more, at the host's next turn, when the first answer is a 5xx or a network failure: most such
     * failures pass within a second, and waiting for the next poll instead costs the whole retry delay (or, for the
     * source itself, a backoff). Not for 429, which asks to slow down, nor for refusals.
     */
    private CompletableFuture<FetchResponse> fetchTwice(String url, Map<String, String> headers) {
        return fetcher.fetch(url, headers).handle((response, failure) -> {
            boolean again = failure != null ? Fetcher.unwrap(failure).isTransient() : response.status() >= 500;
            if (!again) {
                return failure != null ? CompletableFuture.<FetchResponse>failedFuture(failure)
                        : CompletableFuture.completedFuture(response);
            }
            return fetcher.fetch(url, headers);
        }).thenCompose(next -> next);
    }

    /** What became of one entry's page. */
    private record Page(FeedItem item, ExtractedArticle article, String url, String transientFailure) {
    }

    private CompletableFuture<Void> entries(Feed feed, State state, FetchResponse response, List<FeedItem> items,
            String sourceName, Duration interval) {
        List<FeedItem> fresh = new ArrayList<>();
        boolean overflow = false;
        for (FeedItem item : items) {
            if (item.key() == null || state.hasSeen(item.key())) {
                continue;
            }
            if (fresh.size() < settings.maxItemsPerPoll()) {
                fresh.add(item);
            } else {
                overflow = true;
            }
        }
        // Feeds list newest first; publishing oldest first keeps the topic in story order.
        Collections.reverse(fresh);
        metrics.received(SourceType.FEED, fresh.size());
        List<CompletableFuture<Page>> pages = fresh.stream().map(item -> page(feed, state, item)).toList();
        boolean leftOver = overflow;
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenComposeAsync(v -> publish(feed, state, pages.stream().map(CompletableFuture::join).toList(), sourceName),
                        workers)
                .thenAccept(result -> {
                    boolean complete = !leftOver && result.pending() == 0 && result.unpublished() == 0;
                    synchronized (state) {
                        if (complete) {
                            state.etag = response.header("etag");
                            state.lastModified = response.header("last-modified");
                        }
                    }
                    if (result.unpublished() > 0) {
                        metrics.error(IngestMetrics.PUBLISH_FAILED);
                        fail(feed, state, "error", "publishing failed for " + result.unpublished()
                                + " article(s), retrying: " + result.firstError(), interval, null);
                        return;
                    }
                    succeed(state, "ok", complete ? interval : min(interval, settings.retryDelay()));
                });
    }

    private CompletableFuture<Page> page(Feed feed, State state, FeedItem item) {
        if (item.link() == null) {
            return CompletableFuture.completedFuture(new Page(item, null, null, null));
        }
        return fetchTwice(item.link(), Map.of("Accept", PAGE_ACCEPT))
                .handleAsync((response, failure) -> {
                    if (failure != null) {
                        FetchException e = Fetcher.unwrap(failure);
                        state.fetched(e.refused() ? "refused" : "network");
                        if (e.isTransient()) {
                            return new Page(item, null, item.link(), e.getMessage());
                        }
                        LOG.infof("Source %s: %s not fetched (%s); using the source's own text", feed.url(), item.link(),
                                e.getMessage());
                        return new Page(item, null, item.link(), null);
                    }
                    state.fetched(statusClass(response.status()));
                    int status = response.status();
                    if (status >= 500 || status == 429 || status == 408) {
                        return new Page(item, null, item.link(), "HTTP " + status);
                    }
                    String type = response.header("content-type");
                    if (!response.ok() || type != null && !type.toLowerCase(Locale.ROOT).contains("html")) {
                        LOG.infof("Source %s: %s answered HTTP %d (%s); using the source's own text", feed.url(),
                                item.link(), status, type);
                        return new Page(item, null, item.link(), null);
                    }
                    try {
                        ExtractedArticle article = HtmlArticleExtractor.extract(response.body(), type, response.url());
                        if (article.text() == null) {
                            state.count(State.EMPTY_BODY);
                        }
                        return new Page(item, article, response.url(), null);
                    } catch (RuntimeException | StackOverflowError e) {
                        state.count(State.EXTRACTION_FAILED);
                        LOG.warnf("Source %s: %s could not be read (%s); using the source's own text", feed.url(),
                                item.link(), e);
                        return new Page(item, null, response.url(), null);
                    }
                }, workers);
    }

    private record Published(int pending, int unpublished, String firstError) {
    }

    private CompletableFuture<Published> publish(Feed feed, State state, List<Page> pages, String sourceName) {
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        int pending = 0;
        for (Page page : pages) {
            FeedItem item = page.item();
            if (page.transientFailure() != null) {
                int attempts = state.attempt(item.key());
                if (attempts < settings.maxPageAttempts()) {
                    LOG.infof("Source %s: %s failed for now (%s); try %d of %d at the next poll", feed.url(), item.link(),
                            page.transientFailure(), attempts, settings.maxPageAttempts());
                    pending++;
                    continue;
                }
                outcomes.add(deadLetter(feed, state, item, "page-unavailable", "the page failed " + attempts
                        + " times, last: " + page.transientFailure()));
                continue;
            }
            Optional<RawArticle> article = article(feed, page, sourceName);
            if (article.isEmpty()) {
                state.count(State.REFUSED);
                metrics.refused(SourceType.FEED, "invalid", 1);
                state.remember(item.key());
                continue;
            }
            RawArticle raw = article.get();
            outcomes.add(publisher.publish(raw).subscribeAsCompletionStage().toCompletableFuture()
                    .handle((ok, failure) -> {
                        if (failure == null) {
                            metrics.published(SourceType.FEED, 1);
                            state.published(clock.instant());
                            state.remember(item.key());
                            RawArticlePublisher.aboutArticle(raw.id(), () -> LOG.infof("Source %s: published %s as %s",
                                    feed.url(), item.link(), raw.id()));
                            return CompletableFuture.<String>completedFuture(null);
                        }
                        PublishException e = failure instanceof PublishException p ? p
                                : new PublishException(String.valueOf(failure), failure);
                        if (e.retryable()) {
                            metrics.refused(SourceType.FEED, IngestMetrics.PUBLISH_FAILED, 1);
                            return CompletableFuture.completedFuture(e.getMessage());
                        }
                        String reason = e.kind() == PublishException.Kind.TOO_LARGE ? "too-large" : "contract-refused";
                        metrics.refused(SourceType.FEED, reason, 1);
                        return deadLetter(feed, state, item, reason, e.getMessage());
                    }).thenCompose(f -> f));
        }
        int left = pending;
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<String> errors = outcomes.stream().map(CompletableFuture::join).filter(e -> e != null).toList();
            return new Published(left, errors.size(), errors.isEmpty() ? null : errors.get(0));
        });
    }

    /** Gives an entry up: a dead letter, and the entry remembered so it is not tried again. Null when recorded. */
    private CompletableFuture<String> deadLetter(Feed feed, State state, FeedItem item, String reason, String detail) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("sourceId", feed.id());
        value.put("sourceUrl", feed.url());
        value.put("key", item.key());
        value.put("link", item.link());
        value.put("title", item.title());
        value.put("summary", item.summary());
        return deadLetters.send(feed.id(), reason, detail, value).handle((ok, failure) -> {
            if (failure != null) {
                return "dead letter not written: " + failure;
            }
            state.count(State.DEAD_LETTERED);
            state.forgetAttempts(item.key());
            state.remember(item.key());
            return null;
        });
    }

    private Optional<RawArticle> article(Feed feed, Page fetched, String sourceName) {
        FeedItem item = fetched.item();
        ExtractedArticle page = fetched.article();
        String pageUrl = fetched.url();
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
            LOG.warnf("Source %s: entry %s makes no valid article: %s", feed.url(), item.key(), violations);
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String statusClass(int status) {
        return switch (status) {
            case 304, 403, 404, 429 -> Integer.toString(status);
            default -> status / 100 + "xx";
        };
    }

    private void succeed(State state, String status, Duration wait) {
        metrics.feedPoll(status);
        synchronized (state) {
            state.status = status;
            state.error = null;
            state.failures = 0;
            state.lastSuccessAt = clock.instant();
            state.nextPollAt = clock.instant().plus(jittered(wait));
        }
    }

    private void fail(Feed feed, State state, String status, String error, Duration interval, Duration retryAfter) {
        metrics.feedPoll(status);
        synchronized (state) {
            state.status = status;
            state.error = error;
            state.failures++;
            Duration backoff = interval.multipliedBy(1L << Math.min(state.failures, 20));
            if (backoff.compareTo(settings.maxBackoff()) > 0) {
                backoff = settings.maxBackoff();
            }
            Duration wait = jittered(backoff);
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            state.nextPollAt = clock.instant().plus(wait);
            LOG.warnf("Source %s: %s; next poll in %d s", feed.url(), error, wait.toSeconds());
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

    /**
     * What is known of one source's polling: validators, the entries seen (as short hashes, the most recent
     * {@value #MAX_REMEMBERED_ITEMS}), the tries of entries whose page failed for now, and its health. Guarded by its
     * own monitor; saved to the state topic after each poll ({@link PollState}).
     */
    public static final class State {
        static final String EMPTY_BODY = "emptyBodies";
        static final String EXTRACTION_FAILED = "extractionFailures";
        static final String DEAD_LETTERED = "deadLettered";
        static final String REFUSED = "refused";

        public Instant lastPollAt;
        public Instant nextPollAt;
        public Instant lastSuccessAt;
        public Instant lastItemAt;
        public String status = "pending";
        public String error;
        public String etag;
        public String lastModified;
        public int failures;
        public long published;
        public long refused;
        public final LinkedHashSet<String> seen = new LinkedHashSet<>();
        public final Map<String, Integer> attempts = new LinkedHashMap<>();
        /** Responses by status class ({@code 2xx}, {@code 304}, {@code 403}, {@code 429}, {@code 5xx}, {@code network}, …). */
        public final Map<String, Long> responses = new LinkedHashMap<>();
        public final Map<String, Long> counts = new LinkedHashMap<>();
        public final ItemRate rate = new ItemRate();

        public synchronized boolean hasSeen(String key) {
            return seen.contains(hash(key));
        }

        synchronized void remember(String key) {
            seen.add(hash(key));
            attempts.remove(hash(key));
            while (seen.size() > MAX_REMEMBERED_ITEMS) {
                seen.remove(seen.iterator().next());
            }
        }

        synchronized int attempt(String key) {
            return attempts.merge(hash(key), 1, Integer::sum);
        }

        synchronized void forgetAttempts(String key) {
            attempts.remove(hash(key));
        }

        synchronized void fetched(String statusClass) {
            responses.merge(statusClass, 1L, Long::sum);
        }

        synchronized void count(String what) {
            counts.merge(what, 1L, Long::sum);
            if (REFUSED.equals(what)) {
                refused++;
            }
        }

        synchronized void published(Instant at) {
            published++;
            lastItemAt = at;
            rate.add(at);
        }

        /** Entries whose page failed for now and that wait for another try. */
        public synchronized int pendingItems() {
            return attempts.size();
        }

        static String hash(String key) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JVM has SHA-256", e);
            }
        }
    }
}
