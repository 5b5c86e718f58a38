package io.newsflow.ingest.polling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.newsflow.ingest.messaging.SourceKafka;

/**
 * Reads a compacted topic whole, from the beginning, then keeps following it on a thread of its own, so every replica
 * holds the latest record of every key. {@link #ready()} once the end seen at the start was reached;
 * {@link #reached(Map)} tells whether every record up to given offsets has been applied.
 */
final class CompactedTopicReader {

    private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final SourceKafka kafka;
    private final String topic;
    private final Consumer<ConsumerRecord<String, String>> apply;
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean ready;
    private volatile boolean running = true;
    private volatile int partitions;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    CompactedTopicReader(SourceKafka kafka, String topic, Consumer<ConsumerRecord<String, String>> apply) {
        this.kafka = kafka;
        this.topic = topic;
        this.apply = apply;
    }

    void start() {
        thread = new Thread(this::follow, "read-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        wakeAndJoin(consumer, thread, 5000);
    }

    /** Ends a thread blocked in {@code consumer}'s poll and waits for it, at most {@code millis}. */
    static void wakeAndJoin(KafkaConsumer<String, String> consumer, Thread thread, long millis) {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean ready() {
        return ready;
    }

    int partitions() {
        return partitions;
    }

    /** Whether every record below {@code offsets} (partition → offset) has been applied. */
    boolean reached(Map<Integer, Long> offsets) {
        return ready && offsets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private void follow() {
        while (running) {
            try {
                read();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("Topic %s not readable, retrying in %d s: %s", topic, RETRY.toSeconds(), e);
                    try {
                        Thread.sleep(RETRY.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void read() {
        try (KafkaConsumer<String, String> c = kafka.consumer("ingest-service-read-" + topic, Map.of())) {
            consumer = c;
            List<TopicPartition> all = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (all.isEmpty()) {
                throw new IllegalStateException("the topic " + topic + " does not exist");
            }
            partitions = all.size();
            c.assign(all);
            c.seekToBeginning(all);
            Map<TopicPartition, Long> end = c.endOffsets(all, Duration.ofSeconds(10));
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(200))) {
                    if (record.key() != null) {
                        apply.accept(record);
                    }
                }
                all.forEach(p -> positions.put(p.partition(), c.position(p)));
                if (!ready && all.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                    ready = true;
                    LOG.infof("Read %s", topic);
                }
            }
        } finally {
            consumer = null;
        }
    }
}
