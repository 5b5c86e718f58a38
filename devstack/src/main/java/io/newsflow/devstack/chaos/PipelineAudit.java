package io.newsflow.devstack.chaos;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.newsflow.devstack.stack.StackServers;
import io.newsflow.events.Topics;

/**
 * Looks at what the pipeline made of a chaos run, at the source of truth and not through the services: the
 * {@code articles} table of PostgreSQL and the dead-letter topics of Kafka.
 */
final class PipelineAudit {

    /** The header SmallRye's dead-letter-queue strategy writes with the failure's message. */
    static final String REASON_HEADER = "dead-letter-reason";
    /** The header SmallRye's dead-letter-queue strategy writes with the topic the record failed on. */
    static final String ORIGIN_TOPIC_HEADER = "dead-letter-topic";

    private static final Duration DLQ_READ_TIMEOUT = Duration.ofSeconds(30);

    private final StackServers servers;

    PipelineAudit(StackServers servers) {
        this.servers = servers;
    }

    /** One record of a dead-letter topic, as far as the audit cares. */
    record DeadLetter(String dlqTopic, String key, String reason, String originTopic) {
    }

    /** Which of {@code ids} have a row in {@code articles}. */
    Set<String> stored(Collection<String> ids) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement("select id::text from articles where id = any(?)")) {
            Array array = db.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
            query.setArray(1, array);
            Set<String> stored = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            return stored;
        }
    }

    /** Rows of chaos articles, for progress lines; cheaper than {@link #stored} and good enough while things move. */
    int storedCount() throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement("select count(*) from articles where source_name = ?")) {
            query.setString(1, ChaosArticles.SOURCE_NAME);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Extra rows for one article: the primary key makes two rows with one id impossible, so a duplicate would be the
     * same canonical URL stored under two ids (an identity that is not stable). Counts rows beyond the first.
     */
    int duplicates() throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement("select coalesce(sum(n - 1), 0) from (select count(*) n"
                        + " from articles where source_name = ? group by canonical_url) per_article")) {
            query.setString(1, ChaosArticles.SOURCE_NAME);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Every record of both dead-letter topics, read from the beginning to the end offsets of now. */
    List<DeadLetter> deadLetters() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-chaos-audit");
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.RAW_DLQ, Topics.ENRICHED_DLQ)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, DLQ_READ_TIMEOUT);
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DLQ_READ_TIMEOUT);
            long deadline = System.nanoTime() + DLQ_READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, DLQ_READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topics to their end within "
                            + DLQ_READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(new DeadLetter(record.topic(), record.key(), header(record, REASON_HEADER),
                            header(record, ORIGIN_TOPIC_HEADER)));
                }
            }
        }
        return letters;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Connection connect() throws SQLException {
        Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
        db.setReadOnly(true);
        return db;
    }
}
