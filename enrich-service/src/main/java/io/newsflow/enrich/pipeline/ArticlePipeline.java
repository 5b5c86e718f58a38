package io.newsflow.enrich.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichMode;
import io.newsflow.enrich.entity.EntityRecognizer;
import io.newsflow.enrich.entity.Recognition;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.enrich.text.ArticleText;
import io.newsflow.enrich.topic.Classification;
import io.newsflow.enrich.topic.TopicClassifier;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Engine;
import io.newsflow.events.Enrichment;
import io.newsflow.events.Entity;
import io.newsflow.events.Language;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Topic;

/**
 * The engines in their order — language, then entities in that language, then topics from the text and the entities —
 * over the analysed text of one article. The Kafka path and the benchmark endpoint both run this, so the benchmark
 * measures what the service does. Thread-safe: the engines are shared by every thread.
 */
@ApplicationScoped
public class ArticlePipeline {

    /** Short names of the engines, as in {@link EngineObserver#took}; entity engines name themselves. */
    public static final String LANGUAGE_ENGINE = "lingua";
    public static final String TOPIC_ENGINE = "topics";

    private final LanguageDetector languageDetector;
    private final EntityRecognizer entityRecognizer;
    private final TopicClassifier topicClassifier;
    private final int maxChars;
    private final EnrichMode mode;
    private final String version;

    @Inject
    ArticlePipeline(LanguageDetector languageDetector, EntityRecognizer entityRecognizer,
            TopicClassifier topicClassifier, EnrichConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this(languageDetector, entityRecognizer, topicClassifier, config.maxChars(), config.mode(), version);
    }

    public ArticlePipeline(LanguageDetector languageDetector, EntityRecognizer entityRecognizer,
            TopicClassifier topicClassifier, int maxChars, EnrichMode mode, String version) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("newsflow.enrich.max-chars must be at least 1, was " + maxChars);
        }
        this.languageDetector = languageDetector;
        this.entityRecognizer = entityRecognizer;
        this.topicClassifier = topicClassifier;
        this.maxChars = maxChars;
        this.mode = mode;
        this.version = version;
    }

    public EnrichMode mode() {
        return mode;
    }

    /**
     * @throws EngineFailureException when an engine throws, naming the engine
     */
    public EnrichedArticle enrich(RawArticle raw, EngineObserver observer) {
        return enrich(raw, observer, () -> false);
    }

    /**
     * As {@link #enrich(RawArticle, EngineObserver)}, skipping the engines not yet started once {@code abandoned} is
     * true: an article whose caller stopped waiting should not keep a core busy with engines whose result is dropped.
     *
     * @throws EngineFailureException when an engine throws, naming the engine
     * @throws AbandonedException when the article was abandoned between two engines
     */
    public EnrichedArticle enrich(RawArticle raw, EngineObserver observer, BooleanSupplier abandoned) {
        long start = System.nanoTime();
        ArticleText text = ArticleText.of(raw, maxChars);
        Language language = run(LANGUAGE_ENGINE, observer, () -> languageDetector.detect(text.text()));
        List<Engine> engines = new ArrayList<>();
        engines.add(languageDetector.engine());
        List<Entity> entities = List.of();
        List<Topic> topics = List.of();
        if (mode == EnrichMode.FULL) {
            stopIf(abandoned);
            Recognition recognition = run(entityRecognizer.engineName(language.code()), observer,
                    () -> entityRecognizer.recognize(text.text(), language.code()));
            stopIf(abandoned);
            Classification classification = run(TOPIC_ENGINE, observer,
                    () -> topicClassifier.classify(text.text(), language.code(), recognition.entities()));
            entities = recognition.entities();
            topics = classification.topics();
            engines.addAll(recognition.engines());
            engines.addAll(classification.engines());
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        Enrichment enrichment = new Enrichment(version, engines, tookMs, text.truncated(), Instant.now());
        return EnrichedArticle.of(raw, language, entities, topics, enrichment);
    }

    private static void stopIf(BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            throw new AbandonedException();
        }
    }

    /** The article's caller gave up on it; the engines after the one that was running were skipped. */
    public static final class AbandonedException extends RuntimeException {
        AbandonedException() {
            super("abandoned after a time-out", null, false, false);
        }
    }

    private static <T> T run(String engine, EngineObserver observer, Supplier<T> work) {
        long start = System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | StackOverflowError e) {
            // A statistical tagger can overflow its stack on a pathological text: that article fails, not the service.
            throw new EngineFailureException(engine, e);
        }
        observer.took(engine, System.nanoTime() - start);
        return result;
    }
}
