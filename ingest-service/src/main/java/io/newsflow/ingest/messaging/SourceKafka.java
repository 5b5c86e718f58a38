package io.newsflow.ingest.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * Kafka clients of the sources' own topics (registrations, poll state, dead letters), built from the configuration
 * Quarkus gives every Kafka client of the service ({@code kafka.*}: brokers, and SASL, TLS or any other client
 * setting), so what an operator sets for the article channels holds here too.
 */
@ApplicationScoped
public class SourceKafka {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> config;
    private KafkaProducer<String, String> producer;

    @Inject
    public SourceKafka(@Identifier("default-kafka-broker") Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    /** For tests and tools outside the container. */
    public static SourceKafka of(String bootstrapServers) {
        return new SourceKafka(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Writes one record; completes when Kafka acknowledged it (acks=all). */
    public CompletableFuture<Void> send(ProducerRecord<String, String> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer().send(record, (metadata, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** A consumer with {@code overrides} on top of the service's Kafka configuration; the caller closes it. */
    public KafkaConsumer<String, String> consumer(String clientId, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * The topics of {@code names} that do not exist. Creating them is the deployment's job (compose's kafka-init,
     * Strimzi KafkaTopics; devstack for local runs and tests), where partitions and replication are chosen.
     */
    public Set<String> missingTopics(Collection<String> names) throws Exception {
        Map<String, Object> props = new HashMap<>(config);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-service-sources-admin");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            return names.stream().filter(n -> !existing.contains(n)).collect(java.util.stream.Collectors.toSet());
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(config);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() - 1000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-sources");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }
}
