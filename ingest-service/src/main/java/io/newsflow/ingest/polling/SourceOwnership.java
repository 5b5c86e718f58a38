package io.newsflow.ingest.polling;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.newsflow.ingest.messaging.SourceKafka;

/**
 * Which partitions of the registrations topic this replica owns: a member of one consumer group over that topic, so
 * the group coordinator shares the partitions among the live replicas and moves a dead one's to the others within a
 * session timeout. The member reads no records (every replica reads the topic whole elsewhere): its partitions stay
 * paused, and it polls only to stay in the group.
 *
 * <p>When partitions are taken away, {@code release} runs before the new owner may start: it waits for the polls of
 * those sources to finish and their state to be written. When partitions are given, the state topic's end offsets
 * at that moment become the fence the new owner reads up to before it polls anything.
 */
final class SourceOwnership {

    private static final Logger LOG = Logger.getLogger(SourceOwnership.class);

    private final SourceKafka kafka;
    private final String topic;
    private final String stateTopic;
    private final String group;
    private final Consumer<Set<Integer>> release;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile Map<Integer, Long> fence = Map.of(-1, Long.MAX_VALUE);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    SourceOwnership(SourceKafka kafka, String topic, String stateTopic, String group, Consumer<Set<Integer>> release) {
        this.kafka = kafka;
        this.topic = topic;
        this.stateTopic = stateTopic;
        this.group = group;
        this.release = release;
    }

    void start() {
        thread = new Thread(this::run, "source-ownership");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        CompactedTopicReader.wakeAndJoin(consumer, thread, 15_000);
    }

    boolean owns(int partition) {
        return owned.contains(partition);
    }

    Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** State topic offsets (partition → end offset) to have read before polling what was given last. */
    Map<Integer, Long> fence() {
        return fence;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = kafka.consumer("ingest-service-sources-owner", Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                    // A dead replica's sources move within this time.
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000))) {
                consumer = c;
                c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        Set<Integer> numbers = numbers(partitions);
                        owned.removeAll(numbers);
                        if (!numbers.isEmpty()) {
                            release.accept(numbers);
                            LOG.infof("Sources of partitions %s of %s handed over", numbers, topic);
                        }
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        owned.removeAll(numbers(partitions));
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        if (partitions.isEmpty()) {
                            return;
                        }
                        List<TopicPartition> state = c.partitionsFor(stateTopic, Duration.ofSeconds(10)).stream()
                                .map(p -> new TopicPartition(stateTopic, p.partition())).toList();
                        fence = c.endOffsets(state, Duration.ofSeconds(10)).entrySet().stream()
                                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
                        owned.addAll(numbers(partitions));
                        LOG.infof("Polling the sources of partitions %s of %s", numbers(partitions), topic);
                    }
                });
                while (running) {
                    c.poll(Duration.ofMillis(500));
                    c.pause(c.assignment());
                }
            } catch (WakeupException e) {
                owned.clear();
                return;
            } catch (RuntimeException e) {
                owned.clear();
                if (running) {
                    LOG.warnf("Source ownership lost, joining %s again in 5 s: %s", group, e);
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            } finally {
                consumer = null;
            }
        }
        owned.clear();
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }
}
