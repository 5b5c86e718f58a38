package io.newsflow.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.events.EventCodec;
import io.newsflow.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Reads {@code news.articles.raw.v1} in tests. The topic is shared by every test, so records are picked by key. */
public final class RawTopic {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private RawTopic() {
    }

    /** The first {@code count} records keyed {@code id}, reading the topic from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> awaitRecords(KafkaCompanion companion, String id, int count) {
        try (ConsumerTask<String, byte[]> task = companion.consume(String.class, byte[].class)
                .fromTopics(Topics.RAW, records -> records.filter(r -> id.equals(r.key())).select().first(count))) {
            task.awaitCompletion(WAIT);
            return task.getRecords();
        }
    }

    public static ConsumerRecord<String, byte[]> awaitRecord(KafkaCompanion companion, String id) {
        return awaitRecords(companion, id, 1).get(0);
    }

    /** The offset the next record of each partition will get: unchanged offsets mean nothing was written. */
    public static Map<TopicPartition, Long> endOffsets(KafkaCompanion companion) {
        Map<TopicPartition, OffsetSpec> latest = companion.topics().describe(Topics.RAW).get(Topics.RAW).partitions().stream()
                .map(p -> new TopicPartition(Topics.RAW, p.partition()))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        return companion.offsets().list(latest).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    public static JsonNode value(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        return KafkaCompanion.getHeader(record.headers(), name);
    }
}
