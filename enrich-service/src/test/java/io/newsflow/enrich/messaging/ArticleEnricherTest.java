package io.newsflow.enrich.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.enrich.entity.EntityRecognizer;
import io.newsflow.enrich.entity.Recognition;
import io.newsflow.enrich.language.LanguageDetector;
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
 * both remembering what they were asked.
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
    private final ArticleEnricher enricher = new ArticleEnricher(detector, recognizer, classifier, 20_000, "1.2.3");

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
        ArticleEnricher shortSighted = new ArticleEnricher(detector, recognizer, classifier, 30, "1.2.3");

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
        assertThatThrownBy(() -> new ArticleEnricher(detector, recognizer, classifier, 0, "1.2.3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsflow.enrich.max-chars");
    }

    private static final class RecordingRecognizer implements EntityRecognizer {
        final List<String> requests = new ArrayList<>();

        @Override
        public Recognition recognize(String text, String language) {
            requests.add(text + "|" + language);
            return new Recognition(List.of(PERSON), List.of(NER_ENGINE));
        }
    }

    private static final class RecordingClassifier implements TopicClassifier {
        final List<String> requests = new ArrayList<>();

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
