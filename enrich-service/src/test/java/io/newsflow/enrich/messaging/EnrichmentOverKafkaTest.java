package io.newsflow.enrich.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
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
import java.util.stream.IntStream;

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
import io.newsflow.enrich.rest.Problem;
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
            // Subjects are reported at or above the threshold; a narrower topic (medtop:2...) with its parent, below it.
            assertThat(article.topics()).filteredOn(topic -> topic.code().matches("medtop:\\d{2}000000"))
                    .isNotEmpty().allSatisfy(topic -> assertThat(topic.score())
                            .isBetween(ShippedSettings.topicThreshold(), 1.0));
            assertThat(article.topics()).allSatisfy(topic -> assertThat(topic.score()).isGreaterThan(0.0));
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
                            "geonames-cities500", "newsflow-iptc-lexicon", "lucene-analysis-common");
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
    void anArticleAnEngineFailsOnGoesToTheDeadLetterTopicNamingTheEngine() throws Exception {
        RawArticle seed = frenchSeedArticle();
        RawArticle failing = article(UUID.randomUUID().toString(), seed.title(),
                seed.body() + "\n\n" + FaultInjectingEntityRecognizer.MARKER);
        byte[] failingJson = EventCodec.encode(failing);
        RawArticle valid = frenchSeedArticle();

        try (ConsumerTask<String, byte[]> deadLetters = consume(Topics.RAW_DLQ);
                ConsumerTask<String, byte[]> enriched = consume(Topics.ENRICHED)) {
            produce(new ProducerRecord<>(Topics.RAW, 1, failing.id(), failingJson));
            produce(new ProducerRecord<>(Topics.RAW, 1, valid.id(), EventCodec.encode(valid)));

            ConsumerRecord<String, byte[]> dead = awaitRecord(deadLetters, r -> failing.id().equals(r.key()));
            assertThat(dead.value()).isEqualTo(failingJson);
            assertThat(header(dead, CloudEventHeaders.DEAD_LETTER_REASON)).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("engine-failure: corenlp-fr failed")
                    .contains(FaultInjectingEntityRecognizer.FAULT));
            assertThat(header(dead, CloudEventHeaders.DEAD_LETTER_TOPIC)).contains(Topics.RAW);

            awaitRecord(enriched, r -> valid.id().equals(r.key()));
            assertThat(enriched.getRecords()).noneMatch(r -> failing.id().equals(r.key()));
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(metric(metrics, "newsflow_enrich_articles_failed_total", "reason=\"engine-failure\""))
                    .isPositive();
            assertThat(metric(metrics, "newsflow_enrich_articles_dead_lettered_total", "reason=\"engine-failure\""))
                    .isPositive();
            assertThat(metric(metrics, "newsflow_errors_total", "reason=\"engine-failure\"")).isPositive();
            assertThat(metric(metrics, "newsflow_last_error", "reason=\"engine-failure\""))
                    .isGreaterThan(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
        });
    }

    @Test
    void enrichedAndDeadLetteredArticlesShowInTheMetricsWithEachEngineTimed() throws Exception {
        RawArticle valid = frenchSeedArticle();
        String garbageKey = "garbage-" + UUID.randomUUID();

        try (ConsumerTask<String, byte[]> deadLetters = consume(Topics.RAW_DLQ);
                ConsumerTask<String, byte[]> enriched = consume(Topics.ENRICHED)) {
            produce(new ProducerRecord<>(Topics.RAW, valid.id(), EventCodec.encode(valid)));
            produce(new ProducerRecord<>(Topics.RAW, garbageKey, "not json".getBytes(StandardCharsets.UTF_8)));
            awaitRecord(enriched, r -> valid.id().equals(r.key()));
            awaitRecord(deadLetters, r -> garbageKey.equals(r.key()));
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(metric(metrics, "newsflow_enrich_articles_enriched_total", "language=\"fr\"")).isPositive();
            assertThat(metric(metrics, "newsflow_enrich_article_seconds_count", "")).isPositive();
            for (String engine : List.of("lingua", "corenlp-fr", "topics")) {
                assertThat(metric(metrics, "newsflow_enrich_engine_seconds_count", "engine=\"" + engine + "\""))
                        .as(engine).isPositive();
            }
            assertThat(metric(metrics, "newsflow_enrich_articles_failed_total", "reason=\"invalid-event\""))
                    .isPositive();
            assertThat(metric(metrics, "newsflow_enrich_articles_dead_lettered_total", "reason=\"invalid-event\""))
                    .isPositive();
            assertThat(metric(metrics, "newsflow_errors_total", "reason=\"invalid-event\"")).isPositive();
            assertThat(metric(metrics, "newsflow_last_error", "reason=\"invalid-event\"")).isPositive();
            assertThat(metric(metrics, "newsflow_ready", "")).as("every readiness check is UP").isEqualTo(1);
        });
    }

    @Test
    void theRecordsOfOnePartitionAreEnrichedInTheirOrder() throws Exception {
        // One id for all: the enriched records share the key, hence one partition of the enriched topic, whose order
        // is then the order in which the service produced them.
        String id = UUID.randomUUID().toString();
        RawArticle seed = frenchSeedArticle();
        List<RawArticle> versions = IntStream.rangeClosed(1, 6)
                .mapToObj(n -> article(id, "Version " + n + " : " + seed.title(), seed.body()))
                .toList();

        try (ConsumerTask<String, byte[]> enriched = consume(Topics.ENRICHED)) {
            companion.produce(String.class, byte[].class)
                    .fromRecords(versions.stream()
                            .map(v -> new ProducerRecord<>(Topics.RAW, 2, id, EventCodec.encode(v)))
                            .toList())
                    .awaitCompletion(TIMEOUT);

            await().atMost(TIMEOUT).until(() -> enriched.getRecords().stream().filter(r -> id.equals(r.key()))
                    .count() >= versions.size());
            List<String> titles = enriched.getRecords().stream().filter(r -> id.equals(r.key()))
                    .map(r -> decode(r.value()).title())
                    .toList();
            assertThat(titles).containsExactlyElementsOf(versions.stream().map(RawArticle::title).toList());
        }
    }

    @Test
    void theBenchmarkEndpointIsOffByDefault() {
        given()
                .contentType("application/json")
                .body("[]")
                .when().post("/engines/benchmark")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("instance", equalTo("/engines/benchmark"))
                .body("detail", startsWith("The benchmark endpoint is off"));
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

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The largest value among the samples of {@code name} whose labels contain {@code label}; -1 if there is none. */
    private static double metric(String metrics, String name, String label) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .max().orElse(-1);
    }

    private static EnrichedArticle decode(byte[] value) {
        try {
            return EventCodec.decodeEnriched(value);
        } catch (Exception e) {
            throw new AssertionError("an enriched record that does not decode", e);
        }
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
    private static RawArticle frenchSeedArticle() {
        String seed = Seeds.read(Seeds.FRENCH).strip();
        int headlineEnd = seed.indexOf('\n');
        return article(UUID.randomUUID().toString(), seed.substring(0, headlineEnd).strip(),
                seed.substring(headlineEnd).strip());
    }

    private static RawArticle article(String id, String title, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((title + "\n\n" + body).getBytes(StandardCharsets.UTF_8));
            return new RawArticle(id, null, null, title, body, null, List.of(), null, Instant.now(),
                    new Source(SourceType.FILE, Seeds.FRENCH, null), "sha256:" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
