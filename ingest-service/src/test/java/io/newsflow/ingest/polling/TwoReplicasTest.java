package io.newsflow.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.devstack.KafkaTopics;
import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.ingest.RecordingPublisher;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.feed.Feed;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.TestFeedSettings;
import io.newsflow.ingest.messaging.DeadLetters;
import io.newsflow.ingest.messaging.SourceKafka;
import io.newsflow.ingest.fetch.Fetcher;
import io.newsflow.ingest.fetch.FetcherTest;
import io.newsflow.ingest.fetch.FixtureServer;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.vertx.core.Vertx;

/** Two ingest replicas on one registrations topic share the feeds: every item page is fetched by one of them, once. */
class TwoReplicasTest {

    private static final int FEEDS = 12;
    private static final int ITEMS = 2;

    private static Vertx vertx;
    private static String bootstrap;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        bootstrap = new DevstackResource().start().get("kafka.bootstrap.servers");
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void twoReplicasFetchEveryItemOnce() throws Exception {
        String topic = "newsflow.feeds.test-" + UUID.randomUUID();
        KafkaTopics.create(bootstrap, List.of(topic), 6, Duration.ofSeconds(30));
        RecordingPublisher publisher = new RecordingPublisher();
        try (FixtureServer server = new FixtureServer()) {
            for (int f = 0; f < FEEDS; f++) {
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < ITEMS; i++) {
                    String page = "/f" + f + "/story-" + i;
                    server.serve(page, "text/html", "<html><head><title>Feed " + f + " story " + i + "</title></head><body>"
                            + "<article><p>Story " + i + " of feed " + f + ", told at length on its own page.</p></article>"
                            + "</body></html>");
                    items.append("<item><title>S").append(i).append("</title><link>").append(server.url(page))
                            .append("</link><guid>f").append(f).append("-").append(i).append("</guid></item>");
                }
                server.serve("/f" + f + ".xml", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                        + "<title>Feed " + f + "</title><link>" + server.url("/") + "</link><description>d</description>"
                        + items + "</channel></rss>");
            }
            String run = UUID.randomUUID().toString();
            TestFeedSettings settings = TestFeedSettings.topics(topic, topic + ".state", topic + ".dlq", "group-" + run, 100);
            KafkaTopics.create(bootstrap, List.of(settings.stateTopic(), settings.deadLetterTopic()), 6, Duration.ofSeconds(30));
            Sources a = sources(settings, publisher);
            Sources b = sources(settings, publisher);
            a.start();
            b.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> a.registry().ready() && b.registry().ready());
                for (int f = 0; f < FEEDS; f++) {
                    String url = server.url("/f" + f + ".xml");
                    a.registry().save(new Feed(Feed.idOf(url), url, 3600, Feed.API, Instant.now()));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> publisher.published.stream().map(r -> r.id()).distinct().count() == FEEDS * ITEMS);
                Thread.sleep(1000);

                IntStream.range(0, FEEDS).forEach(f -> IntStream.range(0, ITEMS).forEach(i ->
                        assertThat(server.requestsTo("/f" + f + "/story-" + i)).as("fetches of feed %d story %d", f, i)
                                .isEqualTo(1)));
                assertThat(publisher.published).hasSize(FEEDS * ITEMS);
                assertThat(a.feeds()).hasSize(FEEDS);
                assertThat(b.feeds()).hasSize(FEEDS);
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static Sources sources(TestFeedSettings settings, RecordingPublisher publisher) {
        Fetcher fetcher = new Fetcher(vertx, FetcherTest.settings(1024 * 1024, true));
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        SourceKafka kafka = SourceKafka.of(bootstrap);
        FeedPoller poller = new FeedPoller(fetcher, new ArticleFactory(), publisher, new DeadLetters(kafka, settings, metrics),
                metrics, settings);
        return new Sources(kafka, settings, poller, metrics);
    }
}
