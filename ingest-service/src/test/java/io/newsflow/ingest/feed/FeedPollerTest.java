package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.RecordingPublisher;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.fetch.AddressPolicy;
import io.newsflow.ingest.fetch.Fetcher;
import io.newsflow.ingest.fetch.FetcherTest;
import io.newsflow.ingest.fetch.FixtureServer;
import io.newsflow.ingest.messaging.DeadLetters;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.vertx.core.Vertx;

class FeedPollerTest {

    private static Vertx vertx;
    private FixtureServer server;
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new FixtureServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FeedPoller poller(AddressPolicy policy) {
        return poller(policy, 100);
    }

    private FeedPoller poller(AddressPolicy policy, int maxItemsPerPoll) {
        Fetcher fetcher = new Fetcher(vertx, FetcherTest.settings(1024 * 1024, true), policy);
        IngestMetrics metrics = new IngestMetrics(meters);
        TestFeedSettings settings = TestFeedSettings.defaults(maxItemsPerPoll);
        return new FeedPoller(fetcher, new ArticleFactory(), publisher, new DeadLetters(null, settings, metrics), metrics,
                settings);
    }

    private FeedPoller poller() {
        return poller(new AddressPolicy(true));
    }

    private Feed feed(String path, long intervalSeconds) {
        String url = server.url(path);
        return new Feed(Feed.idOf(url), url, intervalSeconds, Feed.API, Instant.now());
    }

    @Test
    void eachNewItemBecomesAnArticleFromItsPage() throws Exception {
        FeedFixtures.serveSite(server);
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();

        poller.poll(feed(FeedFixtures.FEED, 60), state);

        assertThat(state.status).isEqualTo("ok");
        assertThat(publisher.published).hasSize(3);
        RawArticle first = publisher.published.stream().filter(a -> a.title().startsWith("Harbour")).findFirst().orElseThrow();
        assertThat(first.canonicalUrl()).isEqualTo(server.url("/news/harbour-reopens"));
        assertThat(first.id()).isEqualTo(ArticleIdentity.idOf(server.url("/news/harbour-reopens"), null, null));
        assertThat(first.body()).startsWith("The port authority reopened").doesNotContain("Gizmo").doesNotContain("Subscribe");
        assertThat(first.authors()).containsExactly("Maria Lindqvist", "Tom Okafor");
        assertThat(first.summary()).isEqualTo("Feed description of story 1.");
        assertThat(first.source().type()).isEqualTo(SourceType.FEED);
        assertThat(first.source().name()).isEqualTo("Local Gazette");
        assertThat(first.source().feedUrl()).isEqualTo(server.url(FeedFixtures.FEED));
        assertThat(publisher.published).allSatisfy(a ->
                assertThat(EventSchema.RAW_ARTICLE.violations(EventCodec.toTree(a))).isEmpty());
    }

    @Test
    void withoutCanonicalLinkTheUrlWithoutTrackingParametersIsTheIdentity() throws Exception {
        FeedFixtures.serveSite(server);

        poller().poll(feed(FeedFixtures.FEED, 60), new FeedPoller.State());

        RawArticle library = publisher.published.stream().filter(a -> a.title().contains("library")).findFirst().orElseThrow();
        assertThat(library.canonicalUrl()).isEqualTo(server.url("/news/story-2"));
        assertThat(library.url()).contains("utm_source=rss");
    }

    @Test
    void anUnchangedFeedIsAskedConditionallyAndYieldsNothingNew() throws Exception {
        FeedFixtures.serveSite(server);
        String rss = FeedFixtures.rss(server.port());
        server.on("/etag.xml", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            FixtureServer.respond(exchange, 200, "application/rss+xml", rss.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed("/etag.xml", 60);

        poller.poll(feed, state);
        poller.poll(feed, state);

        assertThat(state.status).isEqualTo("not-modified");
        assertThat(publisher.published).hasSize(3);
        assertThat(meters.counter("newsflow.ingest.feed.polls", "outcome", "ok").count()).isEqualTo(1);
        assertThat(meters.counter("newsflow.ingest.feed.polls", "outcome", "not-modified").count()).isEqualTo(1);
        assertThat(meters.counter("newsflow.ingest.articles", "source", "feed", "outcome", "accepted").count()).isEqualTo(3);
        assertThat(server.requests()).filteredOn(r -> r.path().equals("/etag.xml"))
                .extracting(r -> r.headers().getFirst("If-None-Match")).containsExactly(null, "\"v1\"");
    }

    @Test
    void itemsAlreadySeenAreNotPublishedAgain() throws Exception {
        FeedFixtures.serveSite(server);
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed(FeedFixtures.FEED, 60);

        poller.poll(feed, state);
        poller.poll(feed, state);

        assertThat(publisher.published).hasSize(3);
        assertThat(state.seen).hasSize(3);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        server.on("/busy.xml", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "600");
            exchange.sendResponseHeaders(429, -1);
        });
        FeedPoller.State state = new FeedPoller.State();

        poller().poll(feed("/busy.xml", 1), state);

        assertThat(state.status).isEqualTo("error");
        assertThat(state.error).contains("429");
        assertThat(state.nextPollAt).isAfter(Instant.now().plusSeconds(590));
    }

    @Test
    void failuresBackOffExponentially() {
        server.on("/down.xml", exchange -> exchange.sendResponseHeaders(500, -1));
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed("/down.xml", 100);

        poller.poll(feed, state);
        Duration first = Duration.between(Instant.now(), state.nextPollAt);
        poller.poll(feed, state);
        Duration second = Duration.between(Instant.now(), state.nextPollAt);

        assertThat(state.failures).isEqualTo(2);
        assertThat(first).isBetween(Duration.ofSeconds(170), Duration.ofSeconds(221));
        assertThat(second).isBetween(Duration.ofSeconds(350), Duration.ofSeconds(441));
    }

    @Test
    void aFeedThatIsNotXmlIsAnErrorNotACrash() {
        server.serve("/junk.xml", "application/rss+xml", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe});
        FeedPoller.State state = new FeedPoller.State();

        poller().poll(feed("/junk.xml", 60), state);

        assertThat(state.status).isEqualTo("error");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aPublicLookingFeedThatRedirectsToAPrivateAddressStoresNothing() throws Exception {
        FeedFixtures.serveSite(server);
        server.redirect("/moved.xml", "http://127.0.0.2:" + server.port() + FeedFixtures.FEED);
        FeedPoller.State state = new FeedPoller.State();

        poller(FetcherTest.onlyLoopbackOneIsPublic()).poll(feed("/moved.xml", 60), state);

        assertThat(state.status).isEqualTo("refused");
        assertThat(state.error).contains("127.0.0.2");
        assertThat(meters.counter("newsflow.ingest.feed.polls", "outcome", "refused").count()).isEqualTo(1);
        assertThat(publisher.published).isEmpty();
        assertThat(server.requestsTo(FeedFixtures.FEED)).isZero();
    }

    @Test
    void anItemLinkingToAPrivateAddressFallsBackToTheFeedTextWithoutFetchingIt() throws Exception {
        server.serve("/private-links.xml", "application/rss+xml", """
                <?xml version="1.0"?>
                <rss version="2.0"><channel><title>Sneaky</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>Internal</title><link>http://127.0.0.2:%d/admin</link><guid>x-1</guid>
                <description>Only the feed's words.</description></item></channel></rss>
                """.formatted(server.port()));
        server.serve("/admin", "text/html", "<p>internal secrets</p>");

        poller(FetcherTest.onlyLoopbackOneIsPublic()).poll(feed("/private-links.xml", 60), new FeedPoller.State());

        assertThat(publisher.published).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Internal");
            assertThat(a.body()).isEqualTo("Only the feed's words.");
        });
        assertThat(server.requestsTo("/admin")).isZero();
    }

    @Test
    void aPageThatCannotBeFetchedFallsBackToTheFeedsOwnValues() throws Exception {
        server.serve("/gone.xml", "application/rss+xml", """
                <?xml version="1.0"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Gone</title>
                <link>http://127.0.0.1/</link><description>d</description>
                <item><title>Vanished story</title><link>%s</link><dc:creator>Kim Lee</dc:creator>
                <pubDate>Tue, 05 Mar 2024 07:15:00 GMT</pubDate><description>The feed's summary.</description></item>
                </channel></rss>
                """.formatted(server.url("/missing")));

        poller().poll(feed("/gone.xml", 60), new FeedPoller.State());

        assertThat(publisher.published).singleElement().satisfies(a -> {
            assertThat(a.body()).isEqualTo("The feed's summary.");
            assertThat(a.authors()).containsExactly("Kim Lee");
            assertThat(a.publishedAt()).isEqualTo(Instant.parse("2024-03-05T07:15:00Z"));
        });
    }

    @Test
    void whenKafkaFailsTheItemsAreTriedAgainOnTheNextPoll() throws Exception {
        FeedFixtures.serveSite(server);
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed(FeedFixtures.FEED, 60);
        publisher.failing = true;

        poller.poll(feed, state);
        assertThat(state.status).isEqualTo("error");
        assertThat(state.seen).isEmpty();

        publisher.failing = false;
        poller.poll(feed, state);
        assertThat(state.status).isEqualTo("ok");
        assertThat(publisher.published).hasSize(3);
    }

    @Test
    void itemsBeyondOnePollsLimitArePublishedLaterEvenWhenTheFeedThenAnswers304() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            server.serve("/overflow/" + i, "text/html", "<html><head><title>Overflow story " + i + "</title></head><body><article><p>"
                    + "Body of overflow story " + i + ", long enough to be the main text of its page.</p></article></body></html>");
            items.append("<item><title>Overflow " + i + "</title><link>" + server.url("/overflow/" + i) + "</link><guid>o-" + i
                    + "</guid><description>Summary " + i + "</description></item>");
        }
        String rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Overflow</title><link>"
                + server.url("/") + "</link><description>d</description>" + items + "</channel></rss>";
        server.on("/overflow.xml", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            FixtureServer.respond(exchange, 200, "application/rss+xml", rss.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        FeedPoller poller = poller(new AddressPolicy(true), 2);
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed("/overflow.xml", 60);

        for (int poll = 0; poll < 4; poll++) {
            poller.poll(feed, state);
        }

        assertThat(publisher.published).extracting(RawArticle::title).containsExactlyInAnyOrder(
                "Overflow story 1", "Overflow story 2", "Overflow story 3", "Overflow story 4", "Overflow story 5");
    }

    @Test
    void aPageThatFailsOnceIsFetchedAgainAndPublishedOnceWithThePagesCanonicalUrl() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pageRequests = new java.util.concurrent.atomic.AtomicInteger();
        server.on("/flaky/story", exchange -> {
            // Both tries of the first poll fail; the next poll's succeeds.
            if (pageRequests.incrementAndGet() <= 2) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            FixtureServer.respond(exchange, 200, "text/html", ("<html><head><title>Flaky story</title>"
                    + "<link rel=\"canonical\" href=\"" + server.url("/stories/flaky") + "\"></head><body><article><p>The"
                    + " whole story, as its page tells it, with more words than the feed's summary.</p></article></body>"
                    + "</html>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        server.serve("/flaky.xml", "application/rss+xml", """
                <?xml version="1.0"?>
                <rss version="2.0"><channel><title>Flaky</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>Flaky</title><link>%s</link><guid>flaky-1</guid><description>Only a summary.</description></item>
                </channel></rss>
                """.formatted(server.url("/flaky/story?utm_source=rss")));
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed("/flaky.xml", 60);

        poller.poll(feed, state);
        state.nextPollAt = null;
        poller.poll(feed, state);

        assertThat(publisher.published).singleElement().satisfies(a -> {
            assertThat(a.canonicalUrl()).isEqualTo(server.url("/stories/flaky"));
            assertThat(a.body()).startsWith("The whole story");
            assertThat(a.id()).isEqualTo(ArticleIdentity.idOf(server.url("/stories/flaky"), null, null));
        });
    }

    @Test
    void aPageThatKeepsFailingIsGivenUpAsADeadLetterNeverPublishedFromTheSummary() throws Exception {
        server.on("/down/story", exchange -> exchange.sendResponseHeaders(503, -1));
        server.serve("/down.xml", "application/rss+xml", """
                <?xml version="1.0"?>
                <rss version="2.0"><channel><title>Down</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>Down</title><link>%s</link><guid>down-1</guid><description>Only a summary.</description></item>
                </channel></rss>
                """.formatted(server.url("/down/story")));
        FeedPoller poller = poller();
        FeedPoller.State state = new FeedPoller.State();
        Feed feed = feed("/down.xml", 60);

        for (int poll = 0; poll < 4; poll++) {
            poller.poll(feed, state);
        }

        assertThat(publisher.published).isEmpty();
        assertThat(meters.counter("newsflow.ingest.items.dead.lettered", "reason", "page-unavailable").count()).isEqualTo(1);
        assertThat(state.pendingItems()).isZero();
        assertThat(server.requestsTo("/down/story")).isEqualTo(6);
    }

    private void serveNewsSitemap(String path) {
        StringBuilder urls = new StringBuilder();
        for (int i = 1; i <= 2; i++) {
            server.serve("/sm/story-" + i, "text/html", "<html><head><title>Page title " + i + "</title></head><body><article><p>"
                    + "The text of sitemap story " + i + ", long enough to be its page's main text.</p></article></body></html>");
            urls.append("<url><loc>").append(server.url("/sm/story-" + i)).append("</loc><news:news><news:publication>"
                    + "<news:name>Gazette</news:name><news:language>en</news:language></news:publication>"
                    + "<news:publication_date>2024-03-0" + i + "T10:00:00Z</news:publication_date><news:title>News title "
                    + i + "</news:title></news:news></url>");
        }
        server.serve(path, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset"
                + " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
                + " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" + urls + "</urlset>");
    }

    @Test
    void aSitemapIndexLeadsToItsNewsSitemapWhoseUrlsArePublishedFromTheirPages() {
        serveNewsSitemap("/news-sitemap.xml");
        server.serve("/sitemap-index.xml", "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sitemapindex"
                + " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>" + server.url("/news-sitemap.xml")
                + "</loc></sitemap></sitemapindex>");
        String url = server.url("/sitemap-index.xml");
        FeedPoller.State state = new FeedPoller.State();

        poller().poll(new Feed(Feed.idOf(url), url, 60, Feed.API, Instant.now(), Feed.SITEMAP), state);

        assertThat(state.status).isEqualTo("ok");
        assertThat(publisher.published).extracting(RawArticle::title).containsExactlyInAnyOrder("Page title 1", "Page title 2");
        assertThat(publisher.published).extracting(RawArticle::canonicalUrl)
                .containsExactlyInAnyOrder(server.url("/sm/story-1"), server.url("/sm/story-2"));
    }

    @Test
    void theSitemapsARobotsTxtAnnouncesAreRead() {
        serveNewsSitemap("/announced.xml");
        server.serve("/robots.txt", "text/plain", "User-agent: *\nAllow: /\nSitemap: " + server.url("/announced.xml") + "\n");
        String url = server.url("/robots.txt");

        poller().poll(new Feed(Feed.idOf(url), url, 60, Feed.API, Instant.now(), Feed.SITEMAP), new FeedPoller.State());

        assertThat(publisher.published).hasSize(2);
        assertThat(server.requestsTo("/announced.xml")).isEqualTo(1);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        assertThat(FeedPoller.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(FeedPoller.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(FeedPoller.retryAfter("soon")).isNull();
    }
}
