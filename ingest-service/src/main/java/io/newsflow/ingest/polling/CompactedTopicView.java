package io.newsflow.ingest.polling;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.newsflow.ingest.messaging.SourceKafka;

/** The latest JSON value of every key of a compacted topic, kept by a {@link CompactedTopicReader}, and writes to it. */
abstract class CompactedTopicView {

    /** Fields added later are ignored by older replicas rather than stopping them. */
    protected final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    protected final SourceKafka kafka;
    protected final String topic;
    protected final CompactedTopicReader reader;

    CompactedTopicView(SourceKafka kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        this.reader = new CompactedTopicReader(kafka, topic, this::apply);
    }

    /** One record read from the topic; a null value is a tombstone. */
    protected abstract void apply(ConsumerRecord<String, String> record);

    void start() {
        reader.start();
    }

    void stop() {
        reader.stop();
    }
}
