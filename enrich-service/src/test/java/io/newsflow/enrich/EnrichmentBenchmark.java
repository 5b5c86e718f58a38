package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.newsflow.enrich.entity.PipelineHeap;
import io.newsflow.enrich.pipeline.ArticlePipeline;
import io.newsflow.enrich.pipeline.EngineObserver;
import io.newsflow.events.EventCodec;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;
import io.newsflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Throughput of enrichment: the engines alone (articles/s on one thread and on every core, per language), the heap each
 * language's entity pipeline retains, and the whole service consuming from Kafka (raw records in, enriched records
 * out) against the engines alone on the same articles and the same machine. 600-word articles in en, fr, de, es, ru,
 * made of the evaluation texts' sentences in a seeded order. The service runs with the production CoreNLP languages
 * (en, fr, de, es) and its default concurrency unless {@code -Dbench.concurrency=N}. Not part of the build; run it with
 * {@code ./mvnw -B -q -pl enrich-service verify -Dbench -Dtest=EnrichmentBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Denrich.test.heap=3g}; the table is printed and written to {@code target/enrichment-benchmark.txt}.
 * {@code -Dbench.articles=N} sets the articles per language (default 30), {@code -Dbench.rounds=N} the rounds of
 * each measurement (default 3; the best is reported, the machine being shared), {@code -Dbench.warmup.max=N} the most
 * unmeasured rounds through Kafka before the measured ones (default 40; they stop when the JIT has settled).
 */
@QuarkusTest
@TestProfile(EnrichmentBenchmark.ProductionEngines.class)
@QuarkusTestResource(value = ProfileKafka.class, restrictToAnnotatedClass = true)
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class EnrichmentBenchmark {

    private static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "ru");
    private static final int WORDS = 600;
    private static final int PER_LANGUAGE = Integer.getInteger("bench.articles", 30);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WARM_UP_MAX = Integer.getInteger("bench.warmup.max", 40);
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final AtomicInteger WORKER_IDS = new AtomicInteger();
    /** Threads that outlive a measurement (idle ones for a minute), so that their CPU time can be read when it ends. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bench-worker-" + WORKER_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    public static class ProductionEngines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("newsflow.enrich.entities.corenlp-languages", "en,fr,de,es");
            String concurrency = System.getProperty("bench.concurrency");
            if (concurrency != null && !concurrency.isBlank()) {
                overrides.put("newsflow.enrich.concurrency", concurrency);
            }
            return overrides;
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ArticlePipeline pipeline;

    @Inject
    EnrichConfig config;

    @Test
    void measureThroughput() throws Exception {
        Map<String, List<RawArticle>> byLanguage = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            byLanguage.put(language, articles(language, PER_LANGUAGE, 7919L * (1 + LANGUAGES.indexOf(language))));
        }
        List<RawArticle> mixed = interleave(byLanguage);
        for (RawArticle article : mixed) {
            assertThat(pipeline.enrich(article, EngineObserver.NONE).language().code())
                    .isEqualTo(article.source().name());
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%d-word articles, %d per language; %d processors; best of %d rounds%n", WORDS,
                PER_LANGUAGE, CORES, ROUNDS));
        out.append(String.format("| language | engine | articles/s, 1 thread | articles/s, %d threads | heap of the "
                + "entity engine (fresh JVM) |%n| --- | --- | --- | --- | --- |%n", CORES));
        Map<String, Long> heap = pipelineHeap();
        for (String language : LANGUAGES) {
            List<RawArticle> articles = byLanguage.get(language);
            double single = best(() -> standalone(articles, 1));
            double all = best(() -> standalone(articles, CORES));
            out.append(String.format("| %s | %s | %.1f | %.1f | %d MiB |%n", language,
                    pipeline.enrich(articles.get(0), EngineObserver.NONE).enrichment().engines().get(1).name(),
                    single, all, heap.get(language) / (1024 * 1024)));
        }

        // The Kafka path runs code the engines alone never do (clients, codec, messaging, metrics): its methods reach
        // the optimising compiler only after thousands of articles, and until then the JIT's threads take a large share
        // of the CPU. Rounds run unmeasured until compilation is under 3 % of the CPU a round takes: a service that has
        // been up for a while.
        int warmUp = 0;
        double jitShare = 1;
        while (warmUp < WARM_UP_MAX && jitShare > 0.03) {
            Cpu round = new Cpu();
            kafka(fresh(mixed));
            round.stop(mixed.size());
            jitShare = round.jitShare();
            warmUp++;
            System.out.printf("warm-up round %d: JIT %.1f %% of CPU, %d classes loaded%n", warmUp, 100 * jitShare,
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }
        out.append(String.format("%nwarm-up through Kafka: %d rounds of %d articles, JIT compilation %.1f %% of the "
                + "last round's CPU%n", warmUp, mixed.size(), 100 * jitShare));
        Cpu standaloneCpu = new Cpu();
        double standaloneAll = best(() -> standalone(mixed, CORES));
        standaloneCpu.stop(mixed.size() * ROUNDS);
        double standaloneConcurrency = best(() -> standalone(mixed, config.concurrency()));
        Cpu kafkaCpu = new Cpu();
        double viaKafka = best(() -> kafka(fresh(mixed)));
        kafkaCpu.stop(mixed.size() * ROUNDS);
        out.append(String.format("%nwhole service from Kafka, %d articles of the five languages mixed, "
                + "%d consumers (newsflow.enrich.concurrency) on %d partitions:%n", mixed.size(),
                config.concurrency(), companion.topics().describe(Topics.RAW).get(Topics.RAW).partitions().size()));
        out.append(String.format("  engines alone, %d threads:  %7.1f articles/s%n", CORES, standaloneAll));
        out.append(String.format("  engines alone, %d threads:  %7.1f articles/s%n", config.concurrency(),
                standaloneConcurrency));
        out.append(String.format("  raw topic -> enriched topic: %7.1f articles/s = %.0f %% of the engines alone on "
                + "%d threads%n", viaKafka, 100 * viaKafka / standaloneAll, CORES));
        out.append(String.format("%nCPU per article (whole JVM: engines, consumers, producer, the broker, JIT and GC):%n"
                + "  engines alone:               %6.1f ms (of which the engine threads %.1f ms)%n"
                + "  raw topic -> enriched topic: %6.1f ms (of which the engine threads %.1f ms)%n",
                standaloneCpu.processMsPerArticle(), standaloneCpu.workerMsPerArticle(),
                kafkaCpu.processMsPerArticle(), kafkaCpu.engineMsPerArticle()));
        out.append(String.format("  engine-thread share of the JVM's CPU via Kafka: %.0f %%%n",
                100 * kafkaCpu.engineMsPerArticle() / kafkaCpu.processMsPerArticle()));
        out.append(String.format("  by CPU, JIT and this JVM's broker and test clients set apart: the engines alone take "
                + "%.1f ms per article, the service's own threads %.1f ms via Kafka (engines %.1f ms, messaging and "
                + "Lingua's pool %.1f ms) = %.0f %%%n", standaloneCpu.engineWorkMsPerArticle(),
                kafkaCpu.serviceMsPerArticle(), kafkaCpu.engineMsPerArticle(),
                kafkaCpu.serviceMsPerArticle() - kafkaCpu.engineMsPerArticle(),
                100 * standaloneCpu.engineWorkMsPerArticle() / kafkaCpu.serviceMsPerArticle()));
        out.append("  engines alone, by thread (CPU per article):\n").append(standaloneCpu.breakdown(4));
        out.append("  via Kafka, by thread (CPU per article):\n").append(kafkaCpu.breakdown(12));
        System.out.print(out);
        Files.writeString(Path.of("target", "enrichment-benchmark.txt"), out.toString(), StandardCharsets.UTF_8);
    }

    /**
     * CPU time this JVM spends between construction and {@link #stop}: all of it, the engine threads' of the service
     * ({@code enrich-engines-*}), and the standalone workers' ({@code bench-worker-*}).
     */
    private static final class Cpu {
        /**
         * The service's own threads: engines, messaging (SmallRye, Vert.x, its Kafka producer and consumer), and the
         * common fork-join pool, where Lingua computes in parallel. The rest are this JVM's broker and test clients.
         */
        private static final Pattern SERVICE_THREADS = Pattern.compile("enrich-engines|smallrye-kafka-|vert\\.x-"
                + "|executor-thread|kafka-producer-network-thread \\| kafka-producer-enriched-out"
                + "|kafka-coordinator-heartbeat-thread \\| enrich-service|ForkJoinPool\\.commonPool");
        private final long process = processCpu();
        private final long gc = gcMillis();
        private final long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        private long gcSpent;
        private long jitSpent;
        private final Map<String, Long> threads = threadCpu();
        private long processNanos;
        private long engineNanos;
        private long workerNanos;
        private long serviceNanos;
        private long lingua;
        private final Map<String, Long> byGroup = new java.util.TreeMap<>();
        private int articles;

        void stop(int articles) {
            this.articles = articles;
            processNanos = processCpu() - process;
            gcSpent = gcMillis() - gc;
            jitSpent = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit;
            Map<String, Long> now = threadCpu();
            for (Map.Entry<String, Long> thread : now.entrySet()) {
                long spent = thread.getValue() - threads.getOrDefault(thread.getKey(), 0L);
                byGroup.merge(thread.getKey().replaceAll("#\\d+$", "").replaceAll("\\d+", "N"), spent, Long::sum);
                if (SERVICE_THREADS.matcher(thread.getKey()).lookingAt()) {
                    serviceNanos += spent;
                }
                if (thread.getKey().startsWith("ForkJoinPool.commonPool")) {
                    lingua += spent;
                }
                if (thread.getKey().startsWith("enrich-engines")) {
                    engineNanos += spent;
                } else if (thread.getKey().startsWith("bench-worker-")) {
                    workerNanos += spent;
                }
            }
        }

        /**
         * Where the CPU went, by thread name with numbers folded: the largest groups, then what no Java thread spent
         * (the JIT compilers and the garbage collector, which the thread bean does not list).
         */
        String breakdown(int top) {
            StringBuilder out = new StringBuilder();
            long visible = byGroup.values().stream().mapToLong(Long::longValue).sum();
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(g -> out.append(String.format("    %-48s %6.1f ms%n", g.getKey(),
                            g.getValue() / 1e6 / articles)));
            out.append(String.format("    %-48s %6.1f ms (JIT compilation %.1f ms, GC %.1f ms, in their threads' "
                    + "elapsed time)%n", "JIT compilers, GC and other JVM threads", (processNanos - visible) / 1e6 / articles,
                    (double) jitSpent / articles, (double) gcSpent / articles));
            return out.toString();
        }

        /** Compilation time (elapsed, in the JIT's threads) over this JVM's CPU time. */
        double jitShare() {
            return jitSpent * 1e6 / processNanos;
        }

        double processMsPerArticle() {
            return processNanos / 1e6 / articles;
        }

        double engineMsPerArticle() {
            return engineNanos / 1e6 / articles;
        }

        double serviceMsPerArticle() {
            return serviceNanos / 1e6 / articles;
        }

        /** The engines alone: the workers that call them and the fork-join pool Lingua uses. */
        double engineWorkMsPerArticle() {
            return (workerNanos + lingua) / 1e6 / articles;
        }

        double workerMsPerArticle() {
            return workerNanos / 1e6 / articles;
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** By thread name and id, so that a pool's threads that ended before {@link #stop} are not counted twice. */
        private static Map<String, Long> threadCpu() {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            Map<String, Long> cpu = new LinkedHashMap<>();
            for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
                if (info != null) {
                    long time = bean.getThreadCpuTime(info.getThreadId());
                    if (time > 0) {
                        cpu.put(info.getThreadName() + "#" + info.getThreadId(), time);
                    }
                }
            }
            return cpu;
        }
    }

    /** Articles per second of the engines alone over {@code articles} on {@code threads} threads. */
    private double standalone(List<RawArticle> articles, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(WORKERS.submit(() -> {
                for (int i = next.getAndIncrement(); i < articles.size(); i = next.getAndIncrement()) {
                    pipeline.enrich(articles.get(i), EngineObserver.NONE);
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return articles.size() / ((System.nanoTime() - start) / 1e9);
    }


    /**
     * Articles per second from the first raw record sent to the broker's timestamp of the last enriched record, over
     * the service's own consumers.
     */
    private double kafka(List<RawArticle> articles) throws Exception {
        Set<String> ids = articles.stream().map(RawArticle::id).collect(Collectors.toSet());
        int partitions = companion.topics().describe(Topics.RAW).get(Topics.RAW).partitions().size();
        try (ConsumerTask<String, byte[]> enriched = companion.consume(String.class, byte[].class)
                .withGroupId("enrich-bench-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ENRICHED)) {
            long start = System.currentTimeMillis();
            companion.produce(String.class, byte[].class)
                    // Spread evenly over the partitions: each partition is enriched in order by one consumer, so with
                    // hashed keys the fullest partition would set the end and measure the keys' luck.
                    .fromRecords(IntStream.range(0, articles.size())
                            .mapToObj(i -> new ProducerRecord<>(Topics.RAW, i % partitions, articles.get(i).id(),
                                    EventCodec.encode(articles.get(i))))
                            .toList())
                    .awaitCompletion(Duration.ofMinutes(1));
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> enriched.getRecords().stream().filter(r -> ids.contains(r.key()))
                            .map(ConsumerRecord::key).distinct().count() == ids.size());
            long end = enriched.getRecords().stream().filter(r -> ids.contains(r.key()))
                    .mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            return articles.size() / ((end - start) / 1000.0);
        }
    }

    /**
     * Retained heap of each language's entity engine, each loaded in a fresh JVM ({@link PipelineHeap}): CoreNLP caches
     * loaded models statically, so in this JVM, where the service has loaded them, a new pipeline costs nothing.
     */
    private static Map<String, Long> pipelineHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Long> heap = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    PipelineHeap.class.getName(), language).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            String line = output.lines().filter(l -> l.startsWith("heap=")).reduce((a, b) -> b).orElseThrow();
            heap.put(language, Long.parseLong(line.substring("heap=".length())));
        }
        return heap;
    }

    private interface Measurement {
        double run() throws Exception;
    }

    private static double best(Measurement measurement) throws Exception {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            best = Math.max(best, measurement.run());
        }
        return best;
    }

    /** The same articles under new ids, so the service sees new articles in every round. */
    private static List<RawArticle> fresh(List<RawArticle> articles) {
        return articles.stream().map(a -> new RawArticle(UUID.randomUUID().toString(), a.url(), a.canonicalUrl(),
                a.title(), a.body(), a.summary(), a.authors(), a.publishedAt(), Instant.now(), a.source(),
                a.contentHash())).toList();
    }

    private static List<RawArticle> interleave(Map<String, List<RawArticle>> byLanguage) {
        return interleave(byLanguage, Integer.MAX_VALUE);
    }

    private static List<RawArticle> interleave(Map<String, List<RawArticle>> byLanguage, int perLanguage) {
        List<RawArticle> mixed = new ArrayList<>();
        int size = Math.min(perLanguage, byLanguage.values().iterator().next().size());
        for (int i = 0; i < size; i++) {
            for (List<RawArticle> articles : byLanguage.values()) {
                mixed.add(articles.get(i));
            }
        }
        return fresh(mixed);
    }

    /**
     * {@code count} articles of {@value #WORDS} words in {@code language}: sentences of the entity evaluation text, the
     * lead paragraphs and the headlines of that language, drawn in a seeded order; the source name is the language.
     */
    static List<RawArticle> articles(String language, int count, long seed) {
        List<String> sentences = new ArrayList<>();
        for (String paragraph : resource("eval/ner/" + language + ".txt").split("\\n\\s*\\n")) {
            sentences.addAll(List.of(SENTENCE_END.split(paragraph.strip().replace('\n', ' '))));
        }
        for (String file : List.of("eval/langid-paragraphs.tsv", "eval/langid-titles.tsv")) {
            resource(file).lines().filter(line -> line.startsWith(language + "\t"))
                    .forEach(line -> sentences.addAll(List.of(SENTENCE_END.split(line.substring(3).strip()))));
        }
        sentences.removeIf(String::isBlank);
        Random random = new Random(seed);
        List<RawArticle> articles = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String title = sentences.get(random.nextInt(sentences.size())).replaceAll("[.!?]$", "");
            StringBuilder body = new StringBuilder();
            int words = 0;
            while (words < WORDS) {
                String sentence = sentences.get(random.nextInt(sentences.size()));
                String[] sentenceWords = sentence.split("\\s+");
                int take = Math.min(sentenceWords.length, WORDS - words);
                body.append(body.isEmpty() ? "" : random.nextInt(4) == 0 ? "\n\n" : " ")
                        .append(String.join(" ", List.of(sentenceWords).subList(0, take)));
                words += take;
            }
            articles.add(article(title, body.toString(), language));
        }
        return articles;
    }

    private static RawArticle article(String title, String body, String language) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((title + "\n\n" + body).getBytes(StandardCharsets.UTF_8));
            return new RawArticle(UUID.randomUUID().toString(), null, null, title, body, null, List.of(), null,
                    Instant.now(), new Source(SourceType.FILE, language, null),
                    "sha256:" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = EnrichmentBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
