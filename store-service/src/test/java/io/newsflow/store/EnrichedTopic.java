package io.newsflow.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What enrich-service would write to {@code news.articles.enriched.v1}, and what store-service dead-letters.
 * Records a test wants processed in order all go to one partition: Kafka orders records within a partition only.
 */
public final class EnrichedTopic {

    /** The partition ordered records are written to. */
    public static final int ORDERED = 0;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCompanion companion;

    public EnrichedTopic(KafkaCompanion companion) {
        this.companion = companion;
    }

    public static ProducerRecord<String, byte[]> event(EnrichedArticle article) {
        return new ProducerRecord<>(Topics.ENRICHED, ORDERED, article.id(), EventCodec.encode(article));
    }

    public static ProducerRecord<String, byte[]> raw(String key, byte[] value) {
        return new ProducerRecord<>(Topics.ENRICHED, ORDERED, key, value);
    }

    /** Writes the records, in order, and waits for the broker to acknowledge them all. */
    @SafeVarargs
    public final void send(ProducerRecord<String, byte[]>... records) {
        List<ProducerRecord<String, byte[]>> list = Arrays.asList(records);
        companion.<String, byte[]> produceWithSerializers(StringSerializer.class, ByteArraySerializer.class)
                .withConcurrency(1)
                .fromRecords(list)
                .awaitCompletion(TIMEOUT);
    }

    /** Reads the dead-letter topic from its start, keeping the records whose key {@code keys} holds. */
    public ConsumerTask<String, byte[]> deadLetters(Set<String> keys) {
        Predicate<ConsumerRecord<String, byte[]>> ours = r -> keys.contains(r.key());
        return companion.<String, byte[]> consumeWithDeserializers(StringDeserializer.class,
                ByteArrayDeserializer.class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Set.of(Topics.ENRICHED_DLQ), records -> records.select().where(ours));
    }
}
