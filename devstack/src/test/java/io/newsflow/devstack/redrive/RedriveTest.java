package io.newsflow.devstack.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.devstack.EmbeddedKafka;
import io.newsflow.events.CloudEventHeaders;

/** Redrive against a real broker: dead letters written as the services' dead-letter strategy writes them. */
class RedriveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void deadLettersGoBackToTheirTopicOnceEachAndARepeatedRedriveSendsNothing() throws Exception {
        kafka.createTopics(List.of("a.raw", "a.raw.dlq"), 3);
        deadLetter("a.raw.dlq", "a.raw", "article-1", "body-1", "engine-timeout: took longer than PT30S");
        deadLetter("a.raw.dlq", "a.raw", "article-2", "body-2", "engine-failure: corenlp-fr failed");
        deadLetter("a.raw.dlq", "a.raw", "article-3", "body-3", "engine-timeout: took longer than PT30S");

        Redrive.Report first = redrive("a.raw.dlq", Optional.empty(), false);
        Redrive.Report second = redrive("a.raw.dlq", Optional.empty(), false);

        assertThat(first.sentByTarget()).containsExactly(Map.entry("a.raw", 3L));
        assertThat(first.sentByReason()).containsEntry("engine-timeout", 2L).containsEntry("engine-failure", 1L);
        assertThat(second.sent()).isZero();
        assertThat(second.alreadyRedriven()).isEqualTo(3);
        List<ConsumerRecord<String, String>> back = readAll("a.raw");
        assertThat(back).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("article-1", "article-2", "article-3");
        assertThat(back).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo("body-" + r.key().substring("article-".length()));
            assertThat(r.headers().lastHeader(CloudEventHeaders.DEAD_LETTER_REASON)).as("failure headers dropped").isNull();
            assertThat(header(r, "ce_id")).as("the article's own headers kept").isEqualTo("id-" + r.key());
            assertThat(header(r, Redrive.REDRIVEN_FROM)).startsWith("a.raw.dlq/");
        });
    }

    @Test
    void aReasonFilterSendsOnlyMatchingDeadLettersAndALaterRedriveTakesTheRest() throws Exception {
        kafka.createTopics(List.of("b.raw", "b.raw.dlq"), 1);
        deadLetter("b.raw.dlq", "b.raw", "article-1", "body-1", "engine-timeout: took longer than PT30S");
        deadLetter("b.raw.dlq", "b.raw", "article-2", "body-2", "invalid-event: not JSON");

        Redrive.Report timeouts = redrive("b.raw.dlq", Optional.of("ENGINE-TIMEOUT"), false);
        Redrive.Report rest = redrive("b.raw.dlq", Optional.empty(), false);

        assertThat(timeouts.sent()).isEqualTo(1);
        assertThat(timeouts.filteredOut()).isEqualTo(1);
        assertThat(rest.sent()).isEqualTo(1);
        assertThat(rest.sentByReason()).containsOnlyKeys("invalid-event");
        assertThat(readAll("b.raw")).extracting(ConsumerRecord::key).containsExactly("article-1", "article-2");
    }

    @Test
    void aDryRunReportsWhatWouldGoWhereAndSendsNothing() throws Exception {
        kafka.createTopics(List.of("c.raw", "c.raw.dlq"), 1);
        deadLetter("c.raw.dlq", "c.raw", "article-1", "body-1", "engine-timeout: took longer than PT30S");

        Redrive.Report dry = redrive("c.raw.dlq", Optional.empty(), true);

        assertThat(dry.sentByTarget()).containsExactly(Map.entry("c.raw", 1L));
        assertThat(dry.render()).contains("would send 1 to c.raw").contains("dry run");
        assertThat(readAll("c.raw")).isEmpty();
        assertThat(redrive("c.raw.dlq", Optional.empty(), false).sent()).as("a dry run marks nothing as sent")
                .isEqualTo(1);
    }

    @Test
    void aTopicThatIsNotADeadLetterTopicOrDoesNotExistIsRefusedByName() {
        assertThatThrownBy(() -> redrive("news.articles.raw.v1", Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".dlq");
        assertThatThrownBy(() -> redrive("missing.dlq", Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no topic missing.dlq");
    }

    private static Redrive.Report redrive(String topic, Optional<String> reason, boolean dryRun) throws Exception {
        return new Redrive(new Redrive.Options(kafka.bootstrapServers(), topic, reason, dryRun, TIMEOUT), m -> {
        }).run();
    }

    private static void deadLetter(String dlq, String origin, String key, String value, String reason)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(dlq, key, value);
            record.headers().add("ce_id", ("id-" + key).getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.DEAD_LETTER_TOPIC, origin.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
