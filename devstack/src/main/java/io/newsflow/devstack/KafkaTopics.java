package io.newsflow.devstack;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on any broker (embedded or in a container) and waits until every partition has a leader. */
public final class KafkaTopics {

    /**
     * ingest-service's own topics, which the deployment creates (compose's kafka-init, the Strimzi KafkaTopics): the
     * compacted source registrations and poll state, and the dead letters of source items.
     */
    public static final Map<String, Map<String, String>> SOURCE_TOPICS = Map.of(
            "newsflow.feeds.v1", Map.of("cleanup.policy", "compact"),
            "newsflow.feeds.state.v1", Map.of("cleanup.policy", "compact"),
            "newsflow.feeds.dlq.v1", Map.of());

    /**
     * Partitions of ingest's source topics: the registrations' partitions are what ingest replicas share, and 12
     * splits evenly among 1, 2, 3, 4 or 6 of them.
     */
    public static final int SOURCE_PARTITIONS = 12;

    private KafkaTopics() {
    }

    /** Creates ingest-service's own topics ({@link #SOURCE_TOPICS}) with {@code partitions} partitions each. */
    public static void createSourceTopics(String bootstrapServers, int partitions, Duration timeout) {
        SOURCE_TOPICS.forEach((name, configs) -> create(bootstrapServers, List.of(name), partitions, configs, timeout));
    }

    public static void create(String bootstrapServers, Collection<String> names, int partitions, Duration timeout) {
        create(bootstrapServers, names, partitions, Map.of(), timeout);
    }

    /**
     * Creates the topics that do not exist yet with {@code partitions} partitions each; topics that already exist are
     * kept as they are. Returns once every listed topic is usable.
     */
    public static void create(String bootstrapServers, Collection<String> names, int partitions, Map<String, String> configs,
            Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = names.stream().distinct().map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
                    .toList();
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(remaining(deadline), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + created.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, Set.copyOf(names), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + names, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topics " + names + " not ready within " + timeout, e);
        }
    }

    /** A topic is created before its partitions have leaders; a producer sent to it too early fails or waits. */
    private static void awaitLeaders(Admin admin, Set<String> names, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                        .get(remaining(deadline), TimeUnit.NANOSECONDS);
                boolean allLed = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                // Metadata of a just-created topic reaches the broker shortly after creation; ask again.
            }
            Thread.sleep(50);
        }
    }

    private static long remaining(long deadline) throws TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("deadline passed before every partition had a leader");
        }
        return left;
    }
}
