package io.newsflow.devstack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.bench.BenchArticle;
import io.newsflow.devstack.bench.BenchOptions;
import io.newsflow.devstack.bench.BenchReport;
import io.newsflow.devstack.bench.BenchReport.EngineSpeed;
import io.newsflow.devstack.bench.CorpusGenerator;
import io.newsflow.devstack.bench.Percentiles;
import io.newsflow.devstack.bench.ProcessUsage;
import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;
import io.newsflow.events.EventCodec;

/**
 * {@code newsflow bench}: the stack on an empty database, a generated corpus sent through ingest's HTTP batch API, and
 * what it cost. Latencies come from the pipeline's own timestamps in PostgreSQL (an article's {@code fetched_at}, set by
 * ingest when it arrives, and its {@code stored_at}, set in store-service's insert transaction), so neither the load
 * generator's clock nor its polling interval is part of them.
 */
final class Bench {

    /** Two requests in flight keep ingest busy while the previous answer travels back. */
    private static final int SENDERS = 2;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(180);
    private static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(30);
    private static final int MAX_ATTEMPTS = 5;
    /** The command's own JVM hosts the Kafka broker and generates the load, so its cost is theirs together. */
    static final String KAFKA_AND_LOAD = "Kafka + load (this JVM)";
    private static final String COUNT = "SELECT count(*) FROM articles WHERE source_name = ?";
    /**
     * Per article: fetched to stored; fetched to the engines' start (the end of enrichment less the engines' own time,
     * both in the stored event); the engines' time; enriched to stored. Then the span's ends.
     */
    private static final String LATENCIES = """
            SELECT extract(epoch FROM stored_at - fetched_at) * 1000,
                   extract(epoch FROM enriched_at - fetched_at) * 1000 - took_ms,
                   took_ms,
                   extract(epoch FROM stored_at - enriched_at) * 1000,
                   fetched_at, stored_at
            FROM (SELECT *, (event #>> '{enrichment,tookMs}')::float8 AS took_ms FROM articles
                  WHERE source_name = ?) AS a
            """;

    private final StackSettings settings;
    private final BenchOptions options;
    private final PrintStream out;
    private final Consumer<String> progress;
    private final PrintStream err;
    private final ObjectMapper json = EventCodec.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Bench(StackSettings settings, BenchOptions options, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.options = options;
        this.out = out;
        this.err = err;
        this.progress = NewsflowCommand.progress(err);
    }

    /** The bench keeps its own home beside the user's, so its empty database never touches the demo's articles. */
    static StackSettings benchSettings(StackSettings base) {
        return new StackSettings(base.root(), base.home().resolve("bench"), base.ingestPort(), base.enrichPort(),
                base.storePort(), base.kafkaPort(), base.postgresPort(), Optional.empty());
    }

    int run() {
        Instant generating = Instant.now();
        // One generation for both, so that the warm-up articles are distinct from the corpus (every title is unique)
        // and the corpus is the same for a seed whatever the warm-up.
        List<BenchArticle> generated = new CorpusGenerator(options.seed(), options.languages(), options.words())
                .generate(options.articles() + options.warmUp());
        List<BenchArticle> corpus = generated.subList(0, options.articles());
        List<BenchArticle> warmUp = generated.subList(options.articles(), generated.size());
        progress.accept(String.format("generated %d articles and %d to warm up (%s, about %d words each) in %d ms",
                corpus.size(), warmUp.size(), String.join(",", options.languages()),
                generated.stream().mapToInt(BenchArticle::words).sum() / generated.size(),
                Duration.between(generating, Instant.now()).toMillis()));
        StackSession.freshDatabase(settings);
        Map<String, String> env = Map.of("NEWSFLOW_ENRICH_BENCHMARK_ENDPOINT_ENABLED", "true",
                "NEWSFLOW_ENRICH_MODE", options.noNlp() ? "language-only" : "full");
        return StackSession.run("bench", settings, env, progress, stack -> {
            URI articles = stack.service(Stack.INGEST).baseUri().resolve("/articles");
            try (Connection db = DriverManager.getConnection(stack.servers().jdbcUrl(), stack.servers().username(),
                    stack.servers().password())) {
                // Every stage starts cold: the JIT compiler, the Kafka clients' first requests, the store's first
                // transactions. Measured from the start, those seconds would stand in the latency of the first
                // articles; a warm-up through the whole pipeline pays them first, and its articles are not counted.
                if (!warmUp.isEmpty()) {
                    progress.accept("warming the pipeline up with " + warmUp.size() + " articles (not measured)");
                    Instant warming = Instant.now();
                    follow(stack, db, new Sender(articles, warmUp, BenchArticle.WARM_UP_SOURCE_NAME,
                            OptionalDouble.empty(), warming), warming, BenchArticle.WARM_UP_SOURCE_NAME, "warm-up: ");
                }

                Map<String, Long> pids = new LinkedHashMap<>();
                for (String name : List.of(Stack.INGEST, Stack.ENRICH, Stack.STORE)) {
                    pids.put(name, stack.service(name).pid());
                }
                pids.put(KAFKA_AND_LOAD, ProcessHandle.current().pid());
                Map<String, ProcessUsage> before = new LinkedHashMap<>();
                pids.forEach((name, pid) -> {
                    ProcessUsage.resetPeak(pid);
                    ProcessUsage.of(pid).ifPresent(usage -> before.put(name, usage));
                });

                Instant start = Instant.now();
                Sender sender = new Sender(articles, corpus, BenchArticle.SOURCE_NAME, options.rate(), start);
                long stored = follow(stack, db, sender, start, BenchArticle.SOURCE_NAME, "");
                Map<String, ProcessUsage> used = new LinkedHashMap<>();
                pids.forEach((name, pid) -> ProcessUsage.of(pid).ifPresent(after -> used.put(name,
                        before.containsKey(name) ? after.since(before.get(name)) : after)));
                // After the pipeline's run the engines are as warm as they get, so the comparison does not favour the
                // pipeline.
                EngineSpeed engines = measureEngines(stack,
                        corpus.subList(0, Math.min(options.engineSample(), corpus.size())));
                BenchReport report = report(db, (int) stored, warmUp.size(), sender.acceptSeconds(), sender.retries(),
                        engines, used);
                out.print(report.table());
                out.println(report.json());
                out.flush();
                return 0;
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Times the engines alone on {@code sample}, with the CPU time enrich-service's process used meanwhile: on a
     * machine shared with other work, the CPU per article is comparable between runs where the articles per second
     * are not.
     */
    private EngineSpeed measureEngines(Stack stack, List<BenchArticle> sample) {
        int threads = Runtime.getRuntime().availableProcessors();
        URI uri = stack.service(Stack.ENRICH).baseUri().resolve("/engines/benchmark?threads=" + threads);
        progress.accept("measuring enrich-service's engines alone on " + sample.size() + " articles, " + threads
                + " threads (POST " + uri.getPath() + ")");
        long pid = stack.service(Stack.ENRICH).pid();
        Instant fetched = Instant.now();
        try {
            byte[] body = json.writeValueAsBytes(sample.stream().map(a -> a.rawArticle(fetched)).toList());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(ENGINE_TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            Optional<ProcessUsage> before = ProcessUsage.of(pid);
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Optional<ProcessUsage> after = ProcessUsage.of(pid);
            if (response.statusCode() == 404) {
                return unavailable("enrich-service answered 404 to POST /engines/benchmark: this build of it has no"
                        + " engine benchmark endpoint (or it is disabled: NEWSFLOW_ENRICH_BENCHMARK_ENDPOINT_ENABLED)");
            }
            if (response.statusCode() != 200) {
                return unavailable("POST /engines/benchmark answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            JsonNode answer = json.readTree(response.body());
            Optional<ProcessUsage> cpu = before.flatMap(first -> after.map(last -> last.since(first)));
            EngineSpeed speed = EngineSpeed.measured(answer.path("articles").asInt(), answer.path("threads").asInt(),
                    answer.path("seconds").asDouble(), answer.path("articlesPerSec").asDouble(), cpu);
            progress.accept(String.format("engines alone: %.2f articles/s (%d articles, %d threads, %.1f s, mode %s%s)",
                    speed.articlesPerSec().getAsDouble(), speed.articles(), speed.threads(), speed.seconds(),
                    answer.path("mode").asText("?"), cpu.map(used -> String.format(
                            ", enrich-service %.1f CPU s, %.1f of them compiling", used.cpuSeconds(),
                            used.jitCpuSeconds())).orElse("")));
            return speed;
        } catch (IOException e) {
            return unavailable("POST /engines/benchmark failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private EngineSpeed unavailable(String why) {
        progress.accept("engines alone: not measured: " + why);
        return EngineSpeed.unavailable(why);
    }

    /**
     * Reports progress until every article {@code sender} got accepted is stored; returns how many of {@code source}
     * are stored.
     */
    private long follow(Stack stack, Connection db, Sender sender, Instant start, String source, String phase)
            throws SQLException {
        long stored = 0;
        long lastStored = 0;
        Instant lastChange = Instant.now();
        Instant lastReport = start;
        while (true) {
            sleep(PROGRESS_EVERY);
            sender.rethrow();
            stored = count(db, source);
            Instant now = Instant.now();
            double interval = Duration.between(lastReport, now).toMillis() / 1000.0;
            progress.accept(String.format("%saccepted %d/%d, stored %d, %.1f stored/s, elapsed %d s", phase,
                    sender.accepted(), sender.size(), stored, (stored - lastStored) / interval,
                    Duration.between(start, now).toSeconds()));
            lastReport = now;
            if (stored != lastStored) {
                lastChange = now;
                lastStored = stored;
            }
            if (sender.done() && stored >= sender.distinctIds()) {
                return stored;
            }
            if (Duration.between(start, now).compareTo(options.timeout()) > 0
                    || Duration.between(lastChange, now).compareTo(STALL_LIMIT) > 0) {
                throw new IllegalStateException(String.format("%d of %d accepted articles stored after %d s (%s); the"
                        + " log of enrich-service (%s) ends with:%n%s", stored, sender.accepted(),
                        Duration.between(start, now).toSeconds(),
                        Duration.between(lastChange, now).compareTo(STALL_LIMIT) > 0
                                ? "nothing stored for " + STALL_LIMIT.toSeconds() + " s" : "--timeout",
                        stack.service(Stack.ENRICH).logFile(), stack.service(Stack.ENRICH).tail(30)));
            }
        }
    }

    /**
     * Only the corpus counts: anything else a client sends to the same ingest port while the bench runs (the ports
     * are the well-known ones) is stored too, and must neither end the wait early nor enter the figures.
     */
    private static long count(Connection db, String source) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(COUNT)) {
            statement.setString(1, source);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void warnAboutOthers(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM articles")) {
            rows.next();
            long all = rows.getLong(1);
            long ours = count(db, BenchArticle.SOURCE_NAME) + count(db, BenchArticle.WARM_UP_SOURCE_NAME);
            if (all > ours) {
                progress.accept("note: " + (all - ours) + " articles from other clients were stored during the run;"
                        + " they are left out of the figures, but they shared the machine's work");
            }
        }
    }

    private BenchReport report(Connection db, int stored, int warmUp, double acceptSeconds, int retries,
            EngineSpeed engines, Map<String, ProcessUsage> used) throws SQLException {
        double[][] columns = new double[4][stored];
        int n = 0;
        Instant first = null;
        Instant last = null;
        warnAboutOthers(db);
        try (PreparedStatement statement = db.prepareStatement(LATENCIES)) {
            statement.setString(1, BenchArticle.SOURCE_NAME);
            ResultSet rows = statement.executeQuery();
            while (rows.next() && n < stored) {
                for (int c = 0; c < columns.length; c++) {
                    columns[c][n] = rows.getDouble(c + 1);
                }
                n++;
                Instant fetched = rows.getTimestamp(5).toInstant();
                Instant storedAt = rows.getTimestamp(6).toInstant();
                first = first == null || fetched.isBefore(first) ? fetched : first;
                last = last == null || storedAt.isAfter(last) ? storedAt : last;
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no article was stored");
        }
        int count = n;
        Percentiles[] p = Arrays.stream(columns).map(column -> new Percentiles(Arrays.copyOf(column, count)))
                .toArray(Percentiles[]::new);
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        return new BenchReport(n, warmUp, seconds, acceptSeconds, retries, p[0],
                new BenchReport.Stages(p[1], p[2], p[3]),
                options.mode(), String.join(",", options.languages()), options.batch(), options.rate(),
                options.seed(), engines, used);
    }

    /**
     * Posts the corpus in batches from {@link #SENDERS} threads. With a rate, batch {@code i} leaves no earlier than
     * {@code start + i * batch / rate}, so the offered load stays even and does not catch up in bursts after a slow
     * answer.
     */
    private final class Sender {

        private final URI uri;
        private final List<BenchArticle> corpus;
        private final String source;
        private final OptionalDouble rate;
        private final Instant start;
        private final AtomicInteger nextBatch = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final ExecutorService threads = Executors.newFixedThreadPool(SENDERS, r -> {
            Thread thread = new Thread(r, "newsflow-bench-sender");
            thread.setDaemon(true);
            return thread;
        });
        private final List<Future<?>> running = new ArrayList<>();
        private volatile Instant acceptedAll;

        Sender(URI uri, List<BenchArticle> corpus, String source, OptionalDouble rate, Instant start) {
            this.uri = uri;
            this.corpus = corpus;
            this.source = source;
            this.rate = rate;
            this.start = start;
            for (int i = 0; i < SENDERS; i++) {
                running.add(threads.submit(this::sendBatches));
            }
            threads.shutdown();
        }

        private Void sendBatches() throws IOException, InterruptedException {
            int batches = (corpus.size() + options.batch() - 1) / options.batch();
            for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                List<BenchArticle> batch = corpus.subList(b * options.batch(),
                        Math.min(corpus.size(), (b + 1) * options.batch()));
                if (rate.isPresent()) {
                    long due = start.toEpochMilli() + Math.round(b * options.batch() * 1000 / rate.getAsDouble());
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
                post(batch);
                if (accepted.addAndGet(batch.size()) == corpus.size()) {
                    acceptedAll = Instant.now();
                }
            }
            return null;
        }

        private void post(List<BenchArticle> batch) throws IOException, InterruptedException {
            byte[] body = json.writeValueAsBytes(batch.stream().map(article -> article.ingestRequest(source)).toList());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    json.readTree(response.body()).path("ids").forEach(id -> ids.add(id.asText()));
                    return;
                }
                // Sending the same batch again is always safe (same ids, the store collapses duplicates), so a
                // server-side failure (503: Kafka did not acknowledge in time) costs a retry, counted in the report.
                if (response.statusCode() < 500 || attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("POST /articles answered " + response.statusCode() + ": "
                            + abbreviate(response.body()));
                }
                retries.incrementAndGet();
                progress.accept("ingest answered " + response.statusCode() + " to a batch, sending it again: "
                        + abbreviate(response.body()));
                Thread.sleep(1000L * attempt);
            }
        }

        int accepted() {
            return accepted.get();
        }

        int size() {
            return corpus.size();
        }

        int retries() {
            return retries.get();
        }

        int distinctIds() {
            return ids.size();
        }

        boolean done() {
            return running.stream().allMatch(Future::isDone);
        }

        double acceptSeconds() {
            return acceptedAll == null ? 0 : Duration.between(start, acceptedAll).toMillis() / 1000.0;
        }

        /** Stops the bench with the sender's own error, if it had one. */
        void rethrow() {
            for (Future<?> future : running) {
                if (future.isDone()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("sending the corpus failed: " + e.getCause().getMessage(),
                                e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
