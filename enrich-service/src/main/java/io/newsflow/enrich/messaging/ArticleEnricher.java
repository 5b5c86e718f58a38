package io.newsflow.enrich.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.entity.EntityRecognizer;
import io.newsflow.enrich.entity.Recognition;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.enrich.topic.Classification;
import io.newsflow.enrich.topic.TopicClassifier;
import io.newsflow.enrich.text.ArticleText;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Engine;
import io.newsflow.events.Enrichment;
import io.newsflow.events.EventCodec;
import io.newsflow.events.InvalidEventException;
import io.newsflow.events.Language;
import io.newsflow.events.RawArticle;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Turns each raw article into an enriched one, keyed by article id.
 *
 * <p>The record value arrives as bytes and is decoded here, so that a record that is not a valid RawArticle fails
 * this method and the connector's dead-letter strategy moves it, byte for byte, to {@code news.articles.raw.v1.dlq}
 * with the reason in its headers. The incoming record is acknowledged (its offset committed) only once the enriched
 * record has been acknowledged by the broker, or once a failed record has been written to the dead-letter topic.
 */
@ApplicationScoped
public class ArticleEnricher {

    private final LanguageDetector languageDetector;
    private final EntityRecognizer entityRecognizer;
    private final TopicClassifier topicClassifier;
    private final int maxChars;
    private final String version;

    // Without @Inject a class with two constructors is silently not a bean, and the channels stay unconnected.
    @Inject
    ArticleEnricher(LanguageDetector languageDetector, EntityRecognizer entityRecognizer,
            TopicClassifier topicClassifier, EnrichConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this(languageDetector, entityRecognizer, topicClassifier, config.maxChars(), version);
    }

    ArticleEnricher(LanguageDetector languageDetector, EntityRecognizer entityRecognizer,
            TopicClassifier topicClassifier, int maxChars, String version) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("newsflow.enrich.max-chars must be at least 1, was " + maxChars);
        }
        this.languageDetector = languageDetector;
        this.entityRecognizer = entityRecognizer;
        this.topicClassifier = topicClassifier;
        this.maxChars = maxChars;
        this.version = version;
    }

    // Language detection, entity recognition and topic classification are CPU work of milliseconds to a few hundred
    // milliseconds per article, so they run on a worker thread; in order, so that the enriched records of one partition
    // keep the order of the raw ones.
    @Incoming(Channels.RAW_IN)
    @Outgoing(Channels.ENRICHED_OUT)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Blocking
    public Record<String, EnrichedArticle> enrich(byte[] value) throws InvalidEventException {
        RawArticle raw = EventCodec.decodeRaw(value);
        return Record.of(raw.id(), enrich(raw));
    }

    EnrichedArticle enrich(RawArticle raw) {
        long start = System.nanoTime();
        ArticleText text = ArticleText.of(raw, maxChars);
        Language language = languageDetector.detect(text.text());
        Recognition recognition = entityRecognizer.recognize(text.text(), language.code());
        Classification classification = topicClassifier.classify(text.text(), language.code(),
                recognition.entities());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        List<Engine> engines = new ArrayList<>();
        engines.add(languageDetector.engine());
        engines.addAll(recognition.engines());
        engines.addAll(classification.engines());
        Enrichment enrichment = new Enrichment(version, engines, tookMs, text.truncated(), Instant.now());
        return EnrichedArticle.of(raw, language, recognition.entities(), classification.topics(), enrichment);
    }
}
