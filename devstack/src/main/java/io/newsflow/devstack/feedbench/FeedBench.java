package io.newsflow.devstack.feedbench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.devstack.DevstackServers;
import io.newsflow.devstack.EmbeddedKafka;
import io.newsflow.devstack.bench.ProcessUsage;
import io.newsflow.devstack.stack.ServiceProcess;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topics;

/**
 * {@code newsflow feed-bench}: ingest-service's feed polling at scale against local sites ({@link FeedSites}): every
 * feed registered over {@code POST /feeds} to the first of N ingest processes sharing one Kafka broker, then the time
 * until every item's article is in {@code news.articles.raw.v1}, read back from the topic: duplicates (an item under
 * two ids, or published from its summary instead of its page) and items lost. Optionally one replica is killed
 * (SIGKILL) once half the items are in. Enrichment and storage are left out: on two cores they take 35–46 articles/s
 * (the pipeline benchmark, {@code newsflow bench}), which would hide what this measures.
 */
public final class FeedBench {

    public static final String USAGE = """
              feed-bench [--feeds N] [--items N] [--hosts N] [--replicas N] [--kill-half-way] [--timeout S]
                           polls N feeds (1000) of N items (20) over N local hosts (200; 5 % slow 2-5 s, 2 % answering
                           503 to 1 request in 5, half answering 304) with N ingest replicas (1), politeness 1 request/host/s;
                           prints time until every item is in the raw topic, fetches/s, duplicates, items lost, CPU
            """;

    private final Path home;
    private final Path appDir;
    private final int feeds;
    private final int items;
    private final int hostCount;
    private final int replicas;
    private final boolean killHalfWay;
    private final Duration timeout;
    private final PrintStream out;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FeedBench(Path root, Path home, List<String> args, PrintStream out, Consumer<String> progress) {
        Map<String, String> options = new HashMap<>();
        boolean kill = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--kill-half-way")) {
                kill = true;
            } else if (arg.startsWith("--") && i + 1 < args.size()) {
                options.put(arg.substring(2), args.get(++i));
            } else {
                throw new IllegalArgumentException("feed-bench: unknown argument " + arg + "\n" + USAGE);
            }
        }
        this.home = home.resolve("feed-bench");
        this.appDir = root.resolve("ingest-service").resolve("target").resolve("quarkus-app");
        this.feeds = Integer.parseInt(options.getOrDefault("feeds", "1000"));
        this.items = Integer.parseInt(options.getOrDefault("items", "20"));
        this.hostCount = Integer.parseInt(options.getOrDefault("hosts", "200"));
        this.replicas = Integer.parseInt(options.getOrDefault("replicas", "1"));
        this.timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "600")));
        this.killHalfWay = kill;
        this.out = out;
        this.progress = progress;
        if (feeds % hostCount != 0 || feeds < hostCount) {
            throw new IllegalArgumentException("feed-bench: --feeds must be a multiple of --hosts");
        }
        if (killHalfWay && replicas < 2) {
            throw new IllegalArgumentException("feed-bench: --kill-half-way needs --replicas 2 or more");
        }
    }

    public int run() throws Exception {
        progress.accept("starting Kafka");
        try (DevstackServers servers = DevstackServers.builder().kafka(EmbeddedKafka.builder()).start();
                FeedSites sites = new FeedSites(hostCount, feeds / hostCount, items, 0.05, 0.02, 17)) {
            String bootstrap = servers.kafka().orElseThrow().bootstrapServers();
            List<ServiceProcess> ingest = new ArrayList<>();
            try {
                for (int r = 1; r <= replicas; r++) {
                    ingest.add(startIngest(bootstrap, r));
                }
                progress.accept("waiting for " + replicas + " ingest replica(s) (logs in " + home.resolve("logs") + ")");
                for (ServiceProcess process : ingest) {
                    process.awaitReady(Duration.ofSeconds(300));
                }
                return measure(bootstrap, sites, ingest);
            } finally {
                ingest.forEach(ServiceProcess::close);
            }
        }
    }

    private ServiceProcess startIngest(String bootstrap, int replica) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // The sites are on loopback addresses; everything else is production's defaults (1 request/host/s).
        env.put("NEWSFLOW_FETCH_ALLOW_PRIVATE", "true");
        env.put("NEWSFLOW_INGEST_HTTP_OPEN", "true");
        env.put("NEWSFLOW_FETCH_USER_AGENT", "replica-" + replica + "/0.1 (+https://newsflow.io/bot)");
        env.put("NEWSFLOW_INGEST_FEEDS_MIN_INTERVAL", "10s");
        String options = System.getenv().getOrDefault("NEWSFLOW_INGEST_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
        return ServiceProcess.start("ingest-service", appDir, port, env, List.of(options.trim().split("\\s+")),
                home.resolve("logs").resolve("ingest-service-" + replica + ".log"));
    }

    private int measure(String bootstrap, FeedSites sites, List<ServiceProcess> ingest) throws Exception {
        Map<String, Set<String>> idsByCanonical = new ConcurrentHashMap<>();
        Set<String> expected = new HashSet<>();
        List<String> feedUrls = new ArrayList<>();
        int feed = 0;
        for (int f = 0; f < feeds; f++) {
            FeedSites.Host host = sites.hosts().get(f % hostCount);
            feedUrls.add(sites.feedUrl(host, feed));
            for (int i = 0; i < items; i++) {
                expected.add(sites.canonicalUrl(host, feed, i));
            }
            feed++;
        }
        AtomicLong records = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        Thread reader = new Thread(() -> readRaw(bootstrap, expected, idsByCanonical, records, unexpected), "feed-bench-raw");
        reader.setDaemon(true);
        reader.start();

        Map<Long, ProcessUsage> cpuBefore = new HashMap<>();
        ingest.forEach(p -> ProcessUsage.of(p.pid()).ifPresent(u -> cpuBefore.put(p.pid(), u)));
        long start = System.nanoTime();
        register(ingest.get(0).baseUri(), feedUrls);
        progress.accept("registered " + feeds + " feeds in " + seconds(start) + " s");

        boolean killed = false;
        long lastReport = 0;
        while (true) {
            int stored = (int) expected.stream().filter(idsByCanonical::containsKey).count();
            double elapsed = seconds(start);
            if (stored == expected.size()) {
                break;
            }
            if (elapsed > timeout.toSeconds()) {
                progress.accept("timed out after " + timeout.toSeconds() + " s");
                break;
            }
            if (killHalfWay && !killed && stored >= expected.size() / 2) {
                ServiceProcess victim = ingest.get(ingest.size() - 1);
                progress.accept("killing ingest replica " + ingest.size() + " (pid " + victim.pid() + ") at " + stored
                        + " items");
                victim.kill();
                killed = true;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                progress.accept(String.format(Locale.ROOT, "%.0f s: %d of %d items in, %d fetches (%.1f/s)", elapsed,
                        stored, expected.size(), sites.requests(), sites.requests() / Math.max(elapsed, 0.001)));
            }
            Thread.sleep(200);
        }
        double seconds = seconds(start);
        int stored = (int) expected.stream().filter(idsByCanonical::containsKey).count();
        long duplicates = idsByCanonical.values().stream().filter(ids -> ids.size() > 1).count() + unexpected.get();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (int r = 0; r < ingest.size(); r++) {
            ServiceProcess p = ingest.get(r);
            ProcessUsage before = cpuBefore.get(p.pid());
            if (p.isAlive() && before != null) {
                ProcessUsage.of(p.pid()).ifPresent(u -> cpu.put("replica-" + (ingest.indexOf(p) + 1),
                        Math.round(u.since(before).cpuSeconds() * 10) / 10.0));
            }
        }
        Map<String, Long> byReplica = sites.requestsByAgent();
        expected.stream().filter(c -> !idsByCanonical.containsKey(c)).sorted().limit(10)
                .forEach(c -> progress.accept("not in the raw topic: " + c));
        out.printf(Locale.ROOT, """
                feeds %d x %d items over %d hosts, %d ingest replica(s)%s
                  items in the raw topic   %d of %d in %.1f s
                  lost                     %d
                  duplicates               %d (an item under two ids, or not from its page)
                  records                  %d (an item's same-id copies after a replica's death count here)
                  fetches                  %d (%.1f/s; 304: %d, 503: %d)
                  fetches by replica       %s
                  ingest CPU seconds       %s
                """, feeds, items, hostCount, replicas, killHalfWay ? ", one killed half-way" : "", stored,
                expected.size(), seconds, expected.size() - stored, duplicates, records.get(), sites.requests(),
                sites.requests() / seconds, sites.notModified(), sites.unavailable(), byReplica, cpu);
        out.printf(Locale.ROOT, "{\"feeds\":%d,\"items\":%d,\"hosts\":%d,\"replicas\":%d,\"killHalfWay\":%b,\"stored\":%d,"
                + "\"seconds\":%.1f,\"lost\":%d,\"duplicates\":%d,\"records\":%d,\"fetches\":%d,\"fetchesPerSec\":%.1f,"
                + "\"fetchesByReplica\":%s,\"ingestCpuSeconds\":%s}%n", feeds, feeds * items, hostCount, replicas,
                killHalfWay, stored, seconds, expected.size() - stored, duplicates, records.get(), sites.requests(),
                sites.requests() / seconds, json(byReplica), json(cpu));
        return stored == expected.size() && duplicates == 0 ? 0 : 1;
    }

    private void register(URI ingest, List<String> urls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String url : urls) {
                answers.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(ingest.resolve("/feeds"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"intervalSeconds\":30}"))
                            .build();
                    for (int attempt = 0; ; attempt++) {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 == 2 || attempt == 20) {
                            return response.statusCode();
                        }
                        Thread.sleep(500);
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status / 100 != 2) {
                    throw new IllegalStateException("POST /feeds answered " + status);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void readRaw(String bootstrap, Set<String> expected, Map<String, Set<String>> idsByCanonical,
            AtomicLong records, AtomicLong unexpected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.RAW, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.incrementAndGet();
                    try {
                        JsonNode article = EventCodec.mapper().readTree(record.value());
                        String canonical = article.path("canonicalUrl").asText(null);
                        if (canonical == null || !expected.contains(canonical)) {
                            unexpected.incrementAndGet();
                        } else {
                            idsByCanonical.computeIfAbsent(canonical, c -> ConcurrentHashMap.newKeySet()).add(record.key());
                        }
                    } catch (IOException e) {
                        unexpected.incrementAndGet();
                    }
                }
            }
        }
    }

    private static String json(Map<String, ?> map) {
        StringBuilder text = new StringBuilder("{");
        map.forEach((k, v) -> text.append(text.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return text.append('}').toString();
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }
}
