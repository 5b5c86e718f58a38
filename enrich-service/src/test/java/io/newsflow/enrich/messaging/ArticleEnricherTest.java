package io.newsflow.enrich.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.enrich.EnrichMode;
import io.newsflow.enrich.entity.EntityRecognizer;
import io.newsflow.enrich.entity.Recognition;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.enrich.metrics.EnrichMetrics;
import io.newsflow.enrich.metrics.FailureReason;
import io.newsflow.enrich.pipeline.ArticlePipeline;
import io.newsflow.enrich.topic.Classification;
import io.newsflow.enrich.topic.TopicClassifier;
import io.newsflow.events.Engine;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.GoldenEvents;
import io.newsflow.events.InvalidEventException;
import io.newsflow.events.Language;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Topic;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * The enricher on its own, with a detector that answers a fixed language and a recognizer that answers fixed entities,
 * both remembering what they were asked, and metrics in memory.
 */
class ArticleEnricherTest {

    private static final Engine ENGINE = new Engine("test-engine", "9.9");

    private static final Engine NER_ENGINE = new Engine("test-ner", "1.0");
    private static final Entity PERSON = new Entity("Vladimir Poutine", EntityType.PERSON, null, 2,
            List.of("Vladimir Poutine", "Poutine"), 0);

    private static final Engine TOPIC_ENGINE = new Engine("test-topics", "2.0");
    private static final Topic WAR = new Topic("medtop:16000000", "conflict, war and peace", 0.8);

    private final RecordingDetector detector = new RecordingDetector(new Language("fr", 0.3));
    private final RecordingRecognizer recognizer = new RecordingRecognizer();
    private final RecordingClassifier classifier = new RecordingClassifier();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    /** One per registry, as in the service: a second one's gauges would not be the registered ones. */
    private final EnrichMetrics metrics = new EnrichMetrics(registry);
    private final ArticleEnricher enricher = enricher(EnrichMode.FULL, 20_000, Duration.ofSeconds(30));

    private ArticleEnricher enricher(EnrichMode mode, int maxChars, Duration timeout) {
        return enricher(mode, maxChars, timeout, timeout, 4);
    }

    private ArticleEnricher enricher(EnrichMode mode, int maxChars, Duration timeout, Duration maxWait, int threads) {
        return new ArticleEnricher(new ArticlePipeline(detector, recognizer, classifier, maxChars, mode, "1.2.3"),
                metrics, timeout, maxWait, threads);
    }

    @Test
    void anEnrichedArticleKeepsEveryRawFieldAndMatchesTheSchema() throws Exception {
        Record<String, EnrichedArticle> record = enricher.enrich(GoldenEvents.rawArticleJson());

        JsonNode raw = EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        JsonNode enriched = EventCodec.toTree(record.value());
        for (Map.Entry<String, JsonNode> field : raw.properties()) {
            assertThat(enriched.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
        }
        assertThat(EventSchema.ENRICHED_ARTICLE.violations(enriched)).isEmpty();
    }

    @Test
    void theRecordIsKeyedByArticleIdAndCarriesTheDetectedLanguage() throws Exception {
        Record<String, EnrichedArticle> record = enricher.enrich(GoldenEvents.rawArticleJson());

        assertThat(record.key()).isEqualTo(GoldenEvents.rawArticle().id());
        assertThat(record.value().language()).isEqualTo(new Language("fr", 0.3));
        assertThat(record.value().entities()).containsExactly(PERSON);
        assertThat(record.value().topics()).containsExactly(WAR);
    }

    @Test
    void topicsAreSoughtInTheAnalysedTextInTheDetectedLanguageWithTheEntitiesFound() throws Exception {
        RawArticle golden = GoldenEvents.rawArticle();

        enricher.enrich(GoldenEvents.rawArticleJson());

        assertThat(classifier.requests)
                .containsExactly(golden.title() + "\n\n" + golden.body() + "|fr|" + List.of(PERSON));
    }

    @Test
    void entitiesAreSoughtInTheAnalysedTextInTheDetectedLanguage() throws Exception {
        RawArticle golden = GoldenEvents.rawArticle();

        enricher.enrich(GoldenEvents.rawArticleJson());

        assertThat(recognizer.requests).containsExactly(golden.title() + "\n\n" + golden.body() + "|fr");
    }

    @Test
    void theEnrichmentNamesTheServiceVersionAndTheEnginesThatRan() throws Exception {
        Instant before = Instant.now();

        EnrichedArticle article = enricher.enrich(GoldenEvents.rawArticleJson()).value();

        assertThat(article.enrichment().version()).isEqualTo("1.2.3");
        assertThat(article.enrichment().engines()).containsExactly(ENGINE, NER_ENGINE, TOPIC_ENGINE);
        assertThat(article.enrichment().truncated()).isFalse();
        assertThat(article.enrichment().tookMs()).isNotNegative();
        assertThat(article.enrichment().enrichedAt()).isBetween(before, Instant.now());
    }

    @Test
    void theDetectorReadsTitleAndBodyCutToTheLimitAndTheCutIsFlagged() throws Exception {
        RawArticle golden = GoldenEvents.rawArticle();
        ArticleEnricher shortSighted = enricher(EnrichMode.FULL, 30, Duration.ofSeconds(30));

        EnrichedArticle article = shortSighted.enrich(EventCodec.encode(golden)).value();

        String analysed = (golden.title() + "\n\n" + golden.body()).substring(0, 30);
        assertThat(detector.texts).containsExactly(analysed);
        assertThat(recognizer.requests).containsExactly(analysed + "|fr");
        assertThat(article.enrichment().truncated()).isTrue();
        assertThat(article.body()).isEqualTo(golden.body());
    }

    @Test
    void aRecordThatIsNotJsonFailsWithTheReason() {
        assertThatThrownBy(() -> enricher.enrich("<html>not an article".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
        assertThat(detector.texts).isEmpty();
    }

    @Test
    void aRecordThatBreaksTheSchemaFailsNamingTheViolation() throws Exception {
        ObjectNode broken = (ObjectNode) EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        broken.put("contentHash", "md5:abc");

        assertThatThrownBy(() -> enricher.enrich(EventCodec.mapper().writeValueAsBytes(broken)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("raw-article.schema.json")
                .hasMessageContaining("contentHash");
        assertThat(detector.texts).isEmpty();
    }

    @Test
    void anEmptyRecordFailsWithTheReason() {
        assertThatThrownBy(() -> enricher.enrich(new byte[0]))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aLimitBelowOneCharacterIsRefusedAtStartup() {
        assertThatThrownBy(() -> enricher(EnrichMode.FULL, 0, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsflow.enrich.max-chars");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefusedAtStartup() {
        assertThatThrownBy(() -> enricher(EnrichMode.FULL, 20_000, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsflow.enrich.timeout");
    }

    @Test
    void languageOnlyModeDetectsTheLanguageAndRunsNoOtherEngine() throws Exception {
        EnrichedArticle article = enricher(EnrichMode.LANGUAGE_ONLY, 20_000, Duration.ofSeconds(30))
                .enrich(GoldenEvents.rawArticleJson()).value();

        assertThat(article.language()).isEqualTo(new Language("fr", 0.3));
        assertThat(article.entities()).isEmpty();
        assertThat(article.topics()).isEmpty();
        assertThat(article.enrichment().engines()).containsExactly(ENGINE);
        assertThat(recognizer.requests).isEmpty();
        assertThat(classifier.requests).isEmpty();
        assertThat(EventSchema.ENRICHED_ARTICLE.violations(EventCodec.toTree(article))).isEmpty();
    }

    @Test
    void anEnrichedArticleIsCountedByLanguageAndEachEngineIsTimed() throws Exception {
        enricher.enrich(GoldenEvents.rawArticleJson());
        enricher.enrich(GoldenEvents.rawArticleJson());

        assertThat(registry.get(EnrichMetrics.ENRICHED).tag("language", "fr").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(EnrichMetrics.ARTICLE).timer().count()).isEqualTo(2);
        for (String engine : List.of(ArticlePipeline.LANGUAGE_ENGINE, "test-ner-fr", ArticlePipeline.TOPIC_ENGINE)) {
            assertThat(registry.get(EnrichMetrics.ENGINE).tag("engine", engine).timer().count()).as(engine)
                    .isEqualTo(2);
        }
        assertThat(registry.find(EnrichMetrics.FAILED).counters()).extracting(Counter::count).containsOnly(0.0);
    }

    @Test
    void everyFailureSeriesExistsAtZeroBeforeTheFirstFailure() {
        for (FailureReason reason : FailureReason.values()) {
            for (String name : List.of(EnrichMetrics.FAILED, EnrichMetrics.DEAD_LETTERED, EnrichMetrics.ERRORS)) {
                assertThat(registry.get(name).tag("reason", reason.tag()).counter().count()).as(name).isZero();
            }
            assertThat(registry.get(EnrichMetrics.LAST_ERROR).tag("reason", reason.tag()).gauge().value()).isZero();
        }
    }

    @Test
    void theArticleIdIsInTheLogContextWhileTheEnginesRunAndRemovedAfterwards() throws Exception {
        enricher.enrich(GoldenEvents.rawArticleJson());

        assertThat(recognizer.articleIds).containsExactly(GoldenEvents.rawArticle().id());
        assertThat(MDC.get(ArticleEnricher.ARTICLE_ID)).isNull();
    }

    @Test
    void anEngineThatThrowsFailsTheArticleNamingTheEngineAndTheError() throws Exception {
        recognizer.failWith = new IllegalStateException("model exploded");

        assertThatThrownBy(() -> enricher.enrich(GoldenEvents.rawArticleJson()))
                .isInstanceOfSatisfying(EnrichmentFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.ENGINE_FAILURE))
                .hasMessageStartingWith("engine-failure: test-ner-fr failed")
                .hasMessageContaining("model exploded");
        assertThat(classifier.requests).isEmpty();
        assertFailureCounted(FailureReason.ENGINE_FAILURE);
        assertThat(registry.find(EnrichMetrics.ENRICHED).counters()).isEmpty();
    }

    @Test
    void anArticleThatSpendsItsWholeCpuBudgetFailsWithoutWaitingForTheEngines() throws Exception {
        recognizer.cpuWork = Duration.ofSeconds(3);
        // The wall-clock limit is far away: the article fails on the CPU its thread spent, not on the clock.
        ArticleEnricher impatient = enricher(EnrichMode.FULL, 20_000, Duration.ofMillis(200), Duration.ofSeconds(20), 4);
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.enrich(GoldenEvents.rawArticleJson()))
                .isInstanceOfSatisfying(EnrichmentFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.ENGINE_TIMEOUT))
                .hasMessageStartingWith("engine-timeout: enrichment took longer than PT0.2S of CPU time");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertFailureCounted(FailureReason.ENGINE_TIMEOUT);
    }

    @Test
    void anArticleWhoseEngineThreadGetsNoCpuIsWaitedForPastTheTimeoutAndEnriched() throws Exception {
        // A thread that sleeps spends no CPU, as one starved by a busy machine: the time-out passes on the clock only.
        recognizer.delay = Duration.ofMillis(700);
        ArticleEnricher patient = enricher(EnrichMode.FULL, 20_000, Duration.ofMillis(200), Duration.ofSeconds(10), 4);

        EnrichedArticle article = patient.enrich(GoldenEvents.rawArticle());

        assertThat(article.entities()).containsExactly(PERSON);
        assertThat(registry.get(EnrichMetrics.WAITS_EXTENDED).counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.FAILED).tag("reason", FailureReason.ENGINE_TIMEOUT.tag()).counter()
                .count()).isZero();
    }

    @Test
    void anArticleStarvedPastTheWallClockLimitFailsSayingTheServiceIsStarved() throws Exception {
        recognizer.delay = Duration.ofSeconds(3);
        ArticleEnricher enricher = enricher(EnrichMode.FULL, 20_000, Duration.ofMillis(200), Duration.ofMillis(600), 4);
        long start = System.nanoTime();

        assertThatThrownBy(() -> enricher.enrich(GoldenEvents.rawArticleJson()))
                .isInstanceOfSatisfying(EnrichmentFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.ENGINE_TIMEOUT))
                .hasMessageStartingWith("engine-timeout: enrichment still unfinished after PT0.6S")
                .hasMessageContaining("starved of CPU");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(550), Duration.ofSeconds(2));
        assertFailureCounted(FailureReason.ENGINE_TIMEOUT);
    }

    @Test
    void underCpuLoadOnEveryCoreNoHealthyArticleIsDeadLettered() throws Exception {
        // Each article needs 150 ms of CPU, under the 250 ms budget; busy threads on every core (four per core) stretch
        // that to about a second of wall-clock time, four times the time-out.
        recognizer.cpuWork = Duration.ofMillis(150);
        ArticleEnricher enricher = enricher(EnrichMode.FULL, 20_000, Duration.ofMillis(250), Duration.ofSeconds(30), 4);
        AtomicBoolean loaded = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread busy = new Thread(() -> {
                long sink = 0;
                while (loaded.get()) {
                    sink += System.nanoTime() % 7;
                }
                if (sink == 42) {
                    System.out.print("");
                }
            }, "cpu-load-" + i);
            busy.setDaemon(true);
            busy.start();
            load.add(busy);
        }
        List<EnrichedArticle> enriched = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                enriched.add(enricher.enrich(GoldenEvents.rawArticle()));
            }
        } finally {
            loaded.set(false);
            for (Thread busy : load) {
                busy.join();
            }
        }

        assertThat(enriched).hasSize(4).allSatisfy(a -> assertThat(a.entities()).containsExactly(PERSON));
        assertThat(registry.get(EnrichMetrics.FAILED).tag("reason", FailureReason.ENGINE_TIMEOUT.tag()).counter()
                .count()).isZero();
    }

    @Test
    void articlesGivenUpOnHoldAtMostTheConfiguredEngineThreadsAndTheNextArticleWaitsForOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        recognizer.gate = release;
        ArticleEnricher enricher = enricher(EnrichMode.FULL, 20_000, Duration.ofMillis(100), Duration.ofMillis(100), 2);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> enricher.enrich(GoldenEvents.rawArticle()))
                    .isInstanceOf(EnrichmentFailedException.class);
        }
        CompletableFuture<EnrichedArticle> third = CompletableFuture.supplyAsync(() -> {
            try {
                return enricher.enrich(GoldenEvents.rawArticle());
            } catch (EnrichmentFailedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(500);
        assertThat(third).as("waits while both engine threads finish articles given up on").isNotDone();
        recognizer.gate = null;
        release.countDown();

        assertThat(third.get(10, TimeUnit.SECONDS).entities()).containsExactly(PERSON);
        // The two articles given up on skipped the topic engine once their recognizer returned.
        assertThat(classifier.requests).hasSize(1);
    }

    @Test
    void aRecordThatIsNotARawArticleIsCountedAsAnInvalidEvent() {
        assertThatThrownBy(() -> enricher.enrich("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);

        assertFailureCounted(FailureReason.INVALID_EVENT);
    }

    private void assertFailureCounted(FailureReason reason) {
        long now = Instant.now().getEpochSecond();
        assertThat(registry.get(EnrichMetrics.FAILED).tag("reason", reason.tag()).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.DEAD_LETTERED).tag("reason", reason.tag()).counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.ERRORS).tag("reason", reason.tag()).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(EnrichMetrics.LAST_ERROR).tag("reason", reason.tag()).gauge().value())
                .isBetween(now - 5.0, now + 1.0);
    }

    private static final class RecordingRecognizer implements EntityRecognizer {
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        final List<String> articleIds = Collections.synchronizedList(new ArrayList<>());
        RuntimeException failWith;
        Duration delay = Duration.ZERO;
        /** CPU time the recognizer spends on its own thread before it answers. */
        volatile Duration cpuWork = Duration.ZERO;
        volatile CountDownLatch gate;

        @Override
        public Recognition recognize(String text, String language) {
            requests.add(text + "|" + language);
            articleIds.add(MDC.get(ArticleEnricher.ARTICLE_ID) instanceof String id ? id : null);
            if (failWith != null) {
                throw failWith;
            }
            try {
                Thread.sleep(delay.toMillis());
                CountDownLatch waitFor = gate;
                if (waitFor != null) {
                    waitFor.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + cpuWork.toNanos();
            while (threads.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            return new Recognition(List.of(PERSON), List.of(NER_ENGINE));
        }

        @Override
        public String engineName(String language) {
            return "test-ner-" + language;
        }
    }

    private static final class RecordingClassifier implements TopicClassifier {
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Classification classify(String text, String language, List<Entity> entities) {
            requests.add(text + "|" + language + "|" + entities);
            return new Classification(List.of(WAR), List.of(TOPIC_ENGINE));
        }
    }

    private static final class RecordingDetector implements LanguageDetector {
        final List<String> texts = new ArrayList<>();
        final Language answer;

        RecordingDetector(Language answer) {
            this.answer = answer;
        }

        @Override
        public Language detect(String text) {
            texts.add(text);
            return answer;
        }

        @Override
        public Engine engine() {
            return ENGINE;
        }
    }
}
