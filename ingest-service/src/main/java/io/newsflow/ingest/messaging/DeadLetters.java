package io.newsflow.ingest.messaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.ingest.feed.FeedSettings;
import io.newsflow.ingest.metrics.IngestMetrics;

/**
 * Source items that cannot become a published article however often they are tried (a page that stayed unreachable,
 * a record too large for the broker, an event the schema refuses, a dropped file refused or quarantined), written to {@code newsflow.ingest.feeds.dead-letter-topic}
 * keyed by source id, with the reason in the {@code dead-letter-reason} header as on the other dead-letter topics, and
 * counted by reason. The value is the item as the source gave it, so nothing is lost and it can be looked into.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON_HEADER = "dead-letter-reason";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final SourceKafka kafka;
    private final String topic;
    private final IngestMetrics metrics;
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    public DeadLetters(SourceKafka kafka, FeedSettings settings, IngestMetrics metrics) {
        this.kafka = kafka;
        this.topic = settings.deadLetterTopic();
        this.metrics = metrics;
    }

    /**
     * Records one item that is given up: logged, counted under {@code reason} and written to the dead-letter topic.
     * Completes when Kafka acknowledged it (or at once without a broker, in unit tests).
     */
    public CompletableFuture<Void> send(String sourceId, String reason, String detail, Map<String, ?> item) {
        metrics.deadLettered(reason);
        LOG.warnf("Source %s: giving up an item (%s): %s", sourceId, reason, detail);
        if (kafka == null) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Object> value = new LinkedHashMap<>(item);
        value.put("reason", reason);
        value.put("detail", detail);
        value.put("at", Instant.now().toString());
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, sourceId, mapper.writeValueAsString(value));
            record.headers().add(REASON_HEADER, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return kafka.send(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serialises", e);
        }
    }
}
