package io.newsflow.ingest.feed;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Feed registrations made over HTTP, kept on a compacted Kafka topic keyed by feed id (a deletion is a tombstone).
 * Kafka is already what the operator runs, backs up and watches for this service; a compacted topic holds exactly the
 * latest registration of each feed, survives restarts, and is shared by every replica. The topic is not part of the
 * article contract, so the service creates it itself when missing.
 *
 * <p>A background thread creates the topic, reads it from the beginning, then keeps following it, so the service
 * starts without waiting for Kafka and sees registrations made through other replicas. Until the first full read,
 * {@link #ready()} is false and writes are refused.
 */
@ApplicationScoped
public class FeedRegistry {

    private static final Logger LOG = Logger.getLogger(FeedRegistry.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final String topic;
    private final ObjectMapper mapper;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private volatile boolean ready;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile KafkaProducer<String, String> producer;
    private Thread follower;

    @Inject
    public FeedRegistry(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "newsflow.ingest.feeds.topic") String topic, ObjectMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        follower = new Thread(this::follow, "feed-registry");
        follower.setDaemon(true);
        follower.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (follower != null) {
            try {
                follower.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
    }

    /** Whether the registrations topic has been read in full since startup. */
    public boolean ready() {
        return ready;
    }

    public Collection<Feed> feeds() {
        return List.copyOf(feeds.values());
    }

    /** Writes a registration and waits for Kafka's acknowledgement. */
    public void save(Feed feed) throws RegistryUnavailableException {
        try {
            write(feed.id(), mapper.writeValueAsString(feed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A feed record always serialises", e);
        }
        feeds.put(feed.id(), feed);
    }

    /** Writes a tombstone for the feed and waits for Kafka's acknowledgement. */
    public void delete(String id) throws RegistryUnavailableException {
        write(id, null);
        feeds.remove(id);
    }

    private void write(String key, String value) throws RegistryUnavailableException {
        if (!ready) {
            throw new RegistryUnavailableException("the feed registrations topic " + topic + " has not been read yet");
        }
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryUnavailableException("Kafka did not acknowledge the registration: " + e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() - 1000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-feed-registry");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void follow() {
        while (running) {
            try {
                ensureTopic();
                read();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                if (running) {
                    LOG.warnf("Feed registrations topic %s not readable, retrying in %d s: %s", topic, RETRY.toSeconds(), e);
                    sleep();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void ensureTopic() throws ExecutionException, InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(props)) {
            if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(10, TimeUnit.SECONDS);
                LOG.infof("Created the compacted feed registrations topic %s", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private void read() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-feed-registry");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer = c;
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofSeconds(1))) {
                    apply(record);
                }
                if (!ready && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                    ready = true;
                    LOG.infof("Read %d feed registration(s) from %s", feeds.size(), topic);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            feeds.remove(record.key());
            return;
        }
        try {
            Feed feed = mapper.readValue(record.value(), Feed.class);
            feeds.put(record.key(), feed);
        } catch (JsonProcessingException e) {
            // Written by something else; logged and left out rather than stopping every other registration.
            LOG.warnf("Ignoring unreadable feed registration at %s-%d offset %d: %s", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
