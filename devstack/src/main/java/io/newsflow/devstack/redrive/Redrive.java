package io.newsflow.devstack.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.newsflow.events.CloudEventHeaders;

/**
 * Sends the dead letters of one dead-letter topic back to the topic they came from, each at most once.
 *
 * <p>What was redriven is remembered in a compacted ledger topic beside the dead-letter topic ({@code <dlq>.redriven},
 * keyed by the dead letter's partition and offset), written in the same Kafka transaction as the records sent back:
 * a redrive that crashes half-way sends nothing twice when run again, and a later redrive with another reason filter
 * picks up exactly the dead letters not sent yet. The transactional id is per dead-letter topic, so a second redrive of
 * the same topic running at the same time fences the first instead of racing it.
 *
 * <p>Only the dead letters present when the redrive starts are considered (the end offsets read first): articles that
 * fail again after being sent back land after them and wait for the next redrive, instead of looping.
 */
public final class Redrive {

    /** Header on a redriven record: the dead letter it came from, {@code <dlq>/<partition>/<offset>}. */
    public static final String REDRIVEN_FROM = "newsflow-redriven-from";
    public static final String LEDGER_SUFFIX = ".redriven";
    private static final String DLQ_SUFFIX = ".dlq";
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * @param reason only dead letters whose {@code dead-letter-reason} header contains this text (case-insensitive)
     */
    public record Options(String bootstrapServers, String topic, Optional<String> reason, boolean dryRun,
            Duration timeout) {
        public Options {
            if (!topic.endsWith(DLQ_SUFFIX)) {
                throw new IllegalArgumentException("--topic must name a dead-letter topic (ending in " + DLQ_SUFFIX
                        + "), got " + topic);
            }
            reason = reason.filter(r -> !r.isBlank());
        }
    }

    /** What a redrive did (or, dry, would do). */
    public record Report(String topic, boolean dryRun, long considered, Map<String, Long> sentByTarget,
            Map<String, Long> sentByReason, long alreadyRedriven, long filteredOut) {

        public long sent() {
            return sentByTarget.values().stream().mapToLong(Long::longValue).sum();
        }

        public String render() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("%s: %d dead letters present%s%n", topic, considered,
                    dryRun ? " (dry run: nothing sent)" : ""));
            String verb = dryRun ? "would send" : "sent";
            if (sentByTarget.isEmpty()) {
                text.append(String.format("  %s none%n", verb));
            }
            sentByTarget.forEach((target, count) -> text.append(String.format("  %s %d to %s%n", verb, count, target)));
            sentByReason.forEach((reason, count) -> text.append(String.format("    %6d  %s%n", count, reason)));
            text.append(String.format("  already redriven before: %d%n", alreadyRedriven));
            text.append(String.format("  left (reason filter): %d%n", filteredOut));
            return text.toString();
        }
    }

    private final Options options;
    private final Consumer<String> progress;

    public Redrive(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Report run() throws InterruptedException, ExecutionException, TimeoutException {
        String ledger = options.topic() + LEDGER_SUFFIX;
        int millis = (int) options.timeout().toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis))) {
            Set<String> topics;
            try {
                topics = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("Kafka at " + options.bootstrapServers() + " did not answer within "
                        + options.timeout().toSeconds() + " s (--bootstrap-servers, --timeout)", e);
            }
            if (!topics.contains(options.topic())) {
                throw new IllegalArgumentException("no topic " + options.topic() + " on " + options.bootstrapServers());
            }
            if (!topics.contains(ledger) && !options.dryRun()) {
                createLedger(admin, ledger);
            }
        }
        Set<String> done = readLedger(ledger);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null : producer()) {
            List<TopicPartition> partitions = partitions(consumer, options.topic());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, options.timeout());
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, options.timeout());
            long present = 0;
            for (TopicPartition partition : partitions) {
                present += end.get(partition) - start.get(partition);
            }
            progress.accept(options.topic() + ": " + present + " dead letters present, " + done.size()
                    + " redriven before");
            if (producer != null) {
                producer.initTransactions();
            }
            Tally tally = new Tally();
            while (!reachedEnd(consumer, partitions, end)) {
                List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    tally.considered++;
                    String id = record.partition() + "/" + record.offset();
                    String reason = header(record, CloudEventHeaders.DEAD_LETTER_REASON).orElse("(no reason header)");
                    if (done.contains(id)) {
                        tally.already++;
                    } else if (options.reason().isPresent()
                            && !reason.toLowerCase().contains(options.reason().get().toLowerCase())) {
                        tally.filtered++;
                    } else {
                        String target = header(record, CloudEventHeaders.DEAD_LETTER_TOPIC)
                                .orElse(options.topic().substring(0, options.topic().length() - DLQ_SUFFIX.length()));
                        tally.sent(target, reasonKind(reason));
                        batch.add(sendBack(record, target, id));
                        batch.add(new ProducerRecord<>(ledger, id.getBytes(StandardCharsets.UTF_8),
                                target.getBytes(StandardCharsets.UTF_8)));
                    }
                }
                if (producer != null && !batch.isEmpty()) {
                    producer.beginTransaction();
                    batch.forEach(producer::send);
                    producer.commitTransaction();
                }
                if (tally.considered > 0 && tally.considered % 1000 == 0) {
                    progress.accept(tally.considered + " of " + present + " dead letters read");
                }
            }
            return new Report(options.topic(), options.dryRun(), tally.considered, tally.byTarget, tally.byReason,
                    tally.already, tally.filtered);
        }
    }

    private static final class Tally {
        long considered;
        long already;
        long filtered;
        final Map<String, Long> byTarget = new TreeMap<>();
        final Map<String, Long> byReason = new TreeMap<>();

        void sent(String target, String reason) {
            byTarget.merge(target, 1L, Long::sum);
            byReason.merge(reason, 1L, Long::sum);
        }
    }

    /** The reason's kind, its text up to the first colon ({@code engine-timeout: …} → {@code engine-timeout}). */
    static String reasonKind(String reason) {
        int colon = reason.indexOf(':');
        return (colon > 0 ? reason.substring(0, colon) : reason).strip();
    }

    private static ProducerRecord<byte[], byte[]> sendBack(ConsumerRecord<byte[], byte[]> record, String target,
            String id) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            // The dead-letter headers describe the failure, not the article: a record sent back must look as it did.
            if (!header.key().startsWith("dead-letter-") && !header.key().equals(REDRIVEN_FROM)) {
                headers.add(header);
            }
        }
        String from = record.topic() + "/" + id;
        headers.add(REDRIVEN_FROM, from.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(target, null, record.key(), record.value(), headers);
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, options.timeout()) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private Set<String> readLedger(String ledger) {
        Set<String> done = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (!consumer.listTopics(options.timeout()).containsKey(ledger)) {
                return done;
            }
            List<TopicPartition> partitions = partitions(consumer, ledger);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, options.timeout());
            while (!reachedEnd(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    done.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return done;
    }

    private void createLedger(Admin admin, String ledger)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription dlq = admin.describeTopics(List.of(options.topic())).allTopicNames()
                .get(options.timeout().toMillis(), TimeUnit.MILLISECONDS).get(options.topic());
        short replication = (short) dlq.partitions().get(0).replicas().size();
        NewTopic topic = new NewTopic(ledger, 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            progress.accept("created the ledger topic " + ledger + " (compacted; what was redriven)");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, options.timeout()).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "newsflow-redrive-" + options.topic());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, options.timeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        // The delivery time-out must cover linger and the request time-out, or the producer refuses its settings.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis() + 1000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-redrive-" + UUID.randomUUID());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

}
