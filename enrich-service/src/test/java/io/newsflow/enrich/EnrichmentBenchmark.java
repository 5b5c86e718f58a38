package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * each measurement (default 3; the best is reported, the machine being shared).
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
    private static final int CORES = Runtime.getRuntime().availableProcessors();
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

        kafka(interleave(byLanguage, 5));
        double standaloneAll = best(() -> standalone(mixed, CORES));
        double standaloneConcurrency = best(() -> standalone(mixed, config.concurrency()));
        double viaKafka = best(() -> kafka(fresh(mixed)));
        out.append(String.format("%nwhole service from Kafka, %d articles of the five languages mixed, "
                + "%d consumers (newsflow.enrich.concurrency) on %d partitions:%n", mixed.size(),
                config.concurrency(), companion.topics().describe(Topics.RAW).get(Topics.RAW).partitions().size()));
        out.append(String.format("  engines alone, %d threads:  %7.1f articles/s%n", CORES, standaloneAll));
        out.append(String.format("  engines alone, %d threads:  %7.1f articles/s%n", config.concurrency(),
                standaloneConcurrency));
        out.append(String.format("  raw topic -> enriched topic: %7.1f articles/s = %.0f %% of the engines alone on "
                + "%d threads%n", viaKafka, 100 * viaKafka / standaloneAll, CORES));
        System.out.print(out);
        Files.writeString(Path.of("target", "enrichment-benchmark.txt"), out.toString(), StandardCharsets.UTF_8);
    }

    /** Articles per second of the engines alone over {@code articles} on {@code threads} threads. */
    private double standalone(List<RawArticle> articles, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < articles.size(); i = next.getAndIncrement()) {
                        pipeline.enrich(articles.get(i), EngineObserver.NONE);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return articles.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Articles per second from the first raw record sent to the broker's timestamp of the last enriched record, over
     * the service's own consumers.
     */
    private double kafka(List<RawArticle> articles) throws Exception {
        Set<String> ids = articles.stream().map(RawArticle::id).collect(Collectors.toSet());
        try (ConsumerTask<String, byte[]> enriched = companion.consume(String.class, byte[].class)
                .withGroupId("enrich-bench-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.ENRICHED)) {
            long start = System.currentTimeMillis();
            companion.produce(String.class, byte[].class)
                    .fromRecords(articles.stream()
                            .map(a -> new ProducerRecord<>(Topics.RAW, a.id(), EventCodec.encode(a)))
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
