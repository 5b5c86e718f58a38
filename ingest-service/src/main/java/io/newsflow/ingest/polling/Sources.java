package io.newsflow.ingest.polling;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsflow.ingest.feed.Feed;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.FeedSettings;
import io.newsflow.ingest.feed.FeedStatus;
import io.newsflow.ingest.feed.SourceHealth;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.newsflow.ingest.messaging.SourceKafka;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.runtime.StartupEvent;

/**
 * Every feed and sitemap, and the polling of those this replica owns. Registered sources come from the registrations
 * topic, configured ones from {@code newsflow.ingest.feeds.urls}; a source belongs to the replica that the consumer
 * group gave the partition of its id. A thread of its own starts the polls of owned sources that are due (each poll
 * then runs without holding a thread, its requests waiting for their hosts' turns in the fetcher) and writes each
 * source's state to the state topic when its poll is over.
 */
@ApplicationScoped
public class Sources {

    private static final Logger LOG = Logger.getLogger(Sources.class);
    private static final long TICK_MILLIS = 200;
    private static final long RELEASE_WAIT_MILLIS = 30_000;

    private final SourceKafka kafka;
    private final FeedSettings settings;
    private final FeedPoller poller;
    private final IngestMetrics metrics;
    private final FeedRegistry registry;
    private final PollStateStore states;
    private final SourceOwnership ownership;
    private final List<Feed> configured;
    private final Map<String, FeedPoller.State> owned = new ConcurrentHashMap<>();
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;
    private volatile String topicsError;
    private Thread thread;

    @Inject
    public Sources(SourceKafka kafka, FeedSettings settings, FeedPoller poller, IngestMetrics metrics) {
        this.kafka = kafka;
        this.settings = settings;
        this.poller = poller;
        this.metrics = metrics;
        this.registry = new FeedRegistry(kafka, settings.topic());
        this.states = new PollStateStore(kafka, settings.stateTopic());
        this.ownership = new SourceOwnership(kafka, settings.topic(), settings.stateTopic(), settings.group(), this::release);
        Instant now = clock.instant();
        this.configured = settings.urls().orElse(List.of()).stream()
                .map(String::trim)
                .filter(u -> !u.isEmpty())
                .map(u -> new Feed(Feed.idOf(u), ArticleIdentity.normaliseUrl(u), settings.defaultInterval().toSeconds(),
                        Feed.CONFIG, now))
                .toList();
        metrics.sourceHealth(this::healthCounts);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts reading the topics, joining the group and polling, on threads of their own. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "sources");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownership.stop();
        registry.stop();
        states.stop();
    }

    public FeedRegistry registry() {
        return registry;
    }

    /** Why the sources cannot run (a topic is missing), or null. */
    public String topicsError() {
        return topicsError;
    }

    /** Every source: configured ones first, then registered ones; a configured URL wins over a registration of it. */
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

    /** The state of a source: this replica's own while it polls it, else the last one written by its owner. */
    public Optional<FeedPoller.State> state(String id) {
        FeedPoller.State mine = owned.get(id);
        return mine != null ? Optional.of(mine) : states.load(id);
    }

    public FeedStatus status(Feed feed) {
        return FeedStatus.of(feed, state(feed.id()).orElse(null), clock.instant());
    }

    /** Forgets a deleted source's state, so registering it again starts afresh. */
    public void forget(String id) {
        owned.remove(id);
        states.delete(id);
    }

    private void run() {
        try {
            List<String> topics = List.of(settings.topic(), settings.stateTopic(), settings.deadLetterTopic());
            while (running) {
                try {
                    Set<String> missing = kafka.missingTopics(topics);
                    if (missing.isEmpty()) {
                        break;
                    }
                    topicsError = "missing Kafka topics " + missing + "; they are created by the deployment"
                            + " (deploy/docker-compose.yml kafka-init, deploy/k8s KafkaTopics)";
                } catch (Exception e) {
                    topicsError = "Kafka not reachable: " + e;
                }
                LOG.warnf("Sources not polled yet: %s; checking again in 5 s", topicsError);
                Thread.sleep(5000);
            }
            topicsError = null;
            registry.start();
            states.start();
            ownership.start();
            while (running) {
                tick();
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        if (!registry.ready() || !states.reader().reached(ownership.fence())) {
            return;
        }
        Instant now = clock.instant();
        for (Feed feed : feeds()) {
            int partition = registry.partitionOf(feed.id());
            if (!ownership.owns(partition)) {
                if (!inFlight.containsKey(feed.id())) {
                    owned.remove(feed.id());
                }
                continue;
            }
            if (inFlight.containsKey(feed.id())) {
                continue;
            }
            FeedPoller.State state = owned.computeIfAbsent(feed.id(), id -> states.load(id).orElseGet(FeedPoller.State::new));
            if (state.nextPollAt != null && now.isBefore(state.nextPollAt)) {
                continue;
            }
            inFlight.put(feed.id(), partition);
            poller.pollAsync(feed, state)
                    .thenCompose(v -> states.save(feed.id(), state))
                    .whenComplete((v, failure) -> {
                        if (failure != null) {
                            LOG.warnf("Source %s: its poll state was not written (%s); the next owner may repeat this poll",
                                    feed.url(), failure);
                        }
                        synchronized (inFlight) {
                            inFlight.remove(feed.id());
                            inFlight.notifyAll();
                        }
                    });
        }
        owned.keySet().retainAll(feeds().stream().map(Feed::id).toList());
    }

    /** Called when partitions are taken away: waits until their polls are over and their state written. */
    private void release(Set<Integer> partitions) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RELEASE_WAIT_MILLIS);
        synchronized (inFlight) {
            while (inFlight.values().stream().anyMatch(partitions::contains) && System.nanoTime() < deadline) {
                try {
                    inFlight.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        owned.keySet().removeIf(id -> partitions.contains(registry.partitionOf(id)));
    }

    /** The sources this replica owns, by health: each replica reports its own, so the sum over replicas is exact. */
    private Map<String, Long> healthCounts() {
        Instant now = clock.instant();
        Map<String, Long> counts = new LinkedHashMap<>();
        List.of(SourceHealth.PENDING, SourceHealth.OK, SourceHealth.QUIET, SourceHealth.FAILING).forEach(h -> counts.put(h, 0L));
        owned.values().forEach(state -> counts.merge(SourceHealth.of(state, now), 1L, Long::sum));
        return counts;
    }
}
