package io.newsflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    private static final String TOPIC = "devstack.restart";

    @Test
    void restartedBrokerServesTheSamePortWithTheRecordsAndOffsetsOfBefore() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            kafka.createTopics(List.of(TOPIC), 1);
            String bootstrap = kafka.bootstrapServers();
            produce(kafka, "before");
            assertThat(consumeAndCommit(kafka)).containsExactly("before");

            kafka.stop();

            assertThat(kafka.isRunning()).isFalse();
            assertThat(kafka.dataDirectory()).exists();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
                assertThatThrownBy(() -> admin.listTopics().names().get(5, TimeUnit.SECONDS))
                        .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
            }

            kafka.restart();

            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            produce(kafka, "after");
            assertThat(consumeAndCommit(kafka)).as("the group resumes after its committed offset").containsExactly("after");
        }
    }

    private static void produce(EmbeddedKafka kafka, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, value, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAndCommit(EmbeddedKafka kafka) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-restart",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
