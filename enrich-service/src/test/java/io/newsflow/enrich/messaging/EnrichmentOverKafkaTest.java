package io.newsflow.enrich.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.devstack.test.DevstackResource;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.Seeds;
import io.newsflow.enrich.ShippedSettings;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.events.CloudEventHeaders;
import io.newsflow.events.Engine;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EntityType;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.GoldenEvents;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;
import io.newsflow.events.Topic;
import io.newsflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The service against a real Kafka broker: raw articles in, enriched articles or dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class EnrichmentOverKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The CoreNLP release on the test classpath, from its jar's name: what every enriched article must name. */
    private static final String CORENLP_VERSION = coreNlpJarVersion();
    /** The Lucene analyzers' release on the test classpath, from its jar's name. */
    private static final String LUCENE_VERSION = jarVersion(FrenchAnalyzer.class, "lucene-analysis-common-");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    LanguageDetector languageDetector;

    @Inject
    EnrichConfig config;

    @ConfigProperty(name = "quarkus.application.version")
    String serviceVersion;

    @Test
    void aRawArticleComesOutEnrichedWithItsLanguage() throws Exception {
        RawArticle raw = frenchSeedArticle();
        byte[] rawJson = EventCodec.encode(raw);

        try (ConsumerTask<String, byte[]> enriched = consume(Topics.ENRICHED)) {
            produce(new ProducerRecord<>(Topics.RAW, raw.id(), rawJson));

            ConsumerRecord<String, byte[]> record = awaitRecord(enriched, r -> raw.id().equals(r.key()));

            JsonNode tree = EventCodec.mapper().readTree(record.value());
            assertThat(EventSchema.ENRICHED_ARTICLE.violations(tree)).isEmpty();
            for (Map.Entry<String, JsonNode> field : EventCodec.mapper().readTree(rawJson).properties()) {
                assertThat(tree.get(field.getKey())).as("raw field %s", field.getKey()).isEqualTo(field.getValue());
            }

            EnrichedArticle article = EventCodec.decodeEnriched(record.value());
            assertThat(article.language().code()).isEqualTo("fr");
            assertThat(article.language().confidence()).isGreaterThanOrEqualTo(0.2);
            assertThat(article.entities()).anySatisfy(putin -> {
                assertThat(putin.name()).isEqualTo("Vladimir Poutine");
                assertThat(putin.type()).isEqualTo(EntityType.PERSON);
                assertThat(putin.mentions()).isGreaterThanOrEqualTo(2);
                assertThat(putin.firstOffset()).isEqualTo(raw.title().indexOf("Poutine"));
            });
            assertThat(article.entities()).anySatisfy(belarus -> {
                assertThat(belarus.name()).isEqualTo("Biélorussie");
                assertThat(belarus.type()).isEqualTo(EntityType.LOCATION);
                assertThat(belarus.ref()).isEqualTo("iso3166:BY");
            });
            assertThat(article.topics()).extracting(Topic::code).contains("medtop:16000000", "medtop:11000000");
            assertThat(article.topics()).allSatisfy(topic -> assertThat(topic.score())
                    .isBetween(ShippedSettings.topicThreshold(), 1.0));
            assertThat(article.topics()).extracting(Topic::score).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(article.topics()).anySatisfy(war -> {
                assertThat(war.code()).isEqualTo("medtop:16000000");
                assertThat(war.label()).isEqualTo("conflict, war and peace");
            });
            assertThat(article.enrichment().version()).isEqualTo(serviceVersion);
            assertThat(article.enrichment().engines()).first().isEqualTo(languageDetector.engine());
            assertThat(article.enrichment().engines().get(0).name()).isEqualTo("lingua");
            assertThat(article.enrichment().engines()).extracting(Engine::name)
                    .containsExactly("lingua", "stanford-corenlp/french-wikiner-4class", "icu4j-cldr",
                            "newsflow-iptc-lexicon", "lucene-analysis-common");
            assertThat(article.enrichment().engines()).contains(new Engine("newsflow-iptc-lexicon", serviceVersion),
                    new Engine("lucene-analysis-common", LUCENE_VERSION));
            assertThat(article.enrichment().engines().get(1).version()).isEqualTo(CORENLP_VERSION);
            assertThat(article.enrichment().truncated()).isFalse();

            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
            assertThat(header(record, CloudEventHeaders.TYPE)).contains(EventSchema.ENRICHED_ARTICLE.cloudEventType());
            assertThat(header(record, CloudEventHeaders.SOURCE)).contains("/newsflow/enrich-service");
            assertThat(header(record, CloudEventHeaders.ID)).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            assertThat(header(record, CloudEventHeaders.TIME)).hasValueSatisfying(
                    time -> assertThat(OffsetDateTime.parse(time).toInstant()).isBefore(Instant.now().plusSeconds(1)));
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).contains("application/json");
        }
    }

    @Test
    void aRecordThatIsNotARawArticleGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String garbageKey = "garbage-" + UUID.randomUUID();
        byte[] garbage = { 0x00, (byte) 0xff, '<', 'h', 't', 'm', 'l', '>' };
        String invalidKey = "invalid-" + UUID.randomUUID();
        ObjectNode invalidTree = (ObjectNode) EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        invalidTree.put("contentHash", "md5:0123");
        byte[] invalid = EventCodec.mapper().writeValueAsBytes(invalidTree);
        RawArticle valid = frenchSeedArticle();

        try (ConsumerTask<String, byte[]> deadLetters = consume(Topics.RAW_DLQ);
                ConsumerTask<String, byte[]> enriched = consume(Topics.ENRICHED)) {
            // One partition, so the valid article is read after both bad records: it proves the stream goes on.
            produce(new ProducerRecord<>(Topics.RAW, 0, garbageKey, garbage));
            produce(new ProducerRecord<>(Topics.RAW, 0, invalidKey, invalid));
            produce(new ProducerRecord<>(Topics.RAW, 0, valid.id(), EventCodec.encode(valid)));

            ConsumerRecord<String, byte[]> deadGarbage = awaitRecord(deadLetters, r -> garbageKey.equals(r.key()));
            assertThat(deadGarbage.value()).isEqualTo(garbage);
            assertThat(header(deadGarbage, CloudEventHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("not JSON"));
            assertThat(header(deadGarbage, CloudEventHeaders.DEAD_LETTER_TOPIC)).contains(Topics.RAW);

            ConsumerRecord<String, byte[]> deadInvalid = awaitRecord(deadLetters, r -> invalidKey.equals(r.key()));
            assertThat(deadInvalid.value()).isEqualTo(invalid);
            assertThat(header(deadInvalid, CloudEventHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("raw-article.schema.json").contains("contentHash"));
            assertThat(header(deadInvalid, CloudEventHeaders.DEAD_LETTER_TOPIC)).contains(Topics.RAW);

            ConsumerRecord<String, byte[]> after = awaitRecord(enriched, r -> valid.id().equals(r.key()));
            assertThat(EventCodec.decodeEnriched(after.value()).language().code()).isEqualTo("fr");
            assertThat(enriched.getRecords()).noneMatch(r -> garbageKey.equals(r.key()) || invalidKey.equals(r.key()));
        }
    }

    @Test
    void theServiceIsReadyOnceItsLanguageAndEntityModelsAreLoaded() {
        await().atMost(TIMEOUT).untilAsserted(() -> given()
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("language-models")));
        given()
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'language-models' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'language-models' }.data.languages",
                        equalTo(String.join(",", ShippedSettings.languages())))
                .body("checks.find { it.name == 'entity-models' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'entity-models' }.data.corenlpLanguages",
                        equalTo(String.join(",", config.entities().corenlpLanguages())));
    }

    private ConsumerTask<String, byte[]> consume(String topic) {
        return companion.consume(String.class, byte[].class)
                .withGroupId("enrich-test-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(topic);
    }

    private void produce(ProducerRecord<String, byte[]> record) {
        companion.produce(String.class, byte[].class).fromRecords(List.of(record)).awaitCompletion(TIMEOUT);
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(ConsumerTask<String, byte[]> task,
            Predicate<ConsumerRecord<String, byte[]>> wanted) {
        await().atMost(TIMEOUT).until(() -> task.getRecords().stream().anyMatch(wanted));
        return task.getRecords().stream().filter(wanted).findFirst().orElseThrow();
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String jarVersion(Class<?> type, String prefix) {
        try {
            String jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName()
                    .toString();
            return jar.substring(prefix.length(), jar.length() - ".jar".length());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coreNlpJarVersion() {
        try {
            String jar = Path.of(StanfordCoreNLP.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getFileName().toString();
            return jar.substring("stanford-corenlp-".length(), jar.length() - ".jar".length());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The French seed as ingest would publish it: headline on the first line, the rest as body; a fresh id. */
    private static RawArticle frenchSeedArticle() throws NoSuchAlgorithmException {
        String seed = Seeds.read(Seeds.FRENCH).strip();
        int headlineEnd = seed.indexOf('\n');
        String title = seed.substring(0, headlineEnd).strip();
        String body = seed.substring(headlineEnd).strip();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((title + "\n\n" + body).getBytes(StandardCharsets.UTF_8));
        return new RawArticle(UUID.randomUUID().toString(), null, null, title, body, null, List.of(), null, Instant.now(),
                new Source(SourceType.FILE, Seeds.FRENCH, null), "sha256:" + HexFormat.of().formatHex(digest));
    }
}
