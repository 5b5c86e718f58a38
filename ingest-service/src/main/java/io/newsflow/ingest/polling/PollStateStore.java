package io.newsflow.ingest.polling;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.messaging.SourceKafka;

/**
 * Each source's poll state (validators, entries seen, tries of failed pages, health) on a compacted topic keyed by
 * source id. Every replica reads it whole, so whichever replica is given a source next continues where the last
 * owner's last acknowledged write left it, and any replica can show every source.
 */
final class PollStateStore extends CompactedTopicView {

    private static final Logger LOG = Logger.getLogger(PollStateStore.class);

    private final Map<String, String> latest = new ConcurrentHashMap<>();

    PollStateStore(SourceKafka kafka, String topic) {
        super(kafka, topic);
    }

    CompactedTopicReader reader() {
        return reader;
    }

    @Override
    protected void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            latest.remove(record.key());
        } else {
            latest.put(record.key(), record.value());
        }
    }

    /** The last state written for {@code id}, as a fresh object. */
    Optional<FeedPoller.State> load(String id) {
        String json = latest.get(id);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, FeedPoller.State.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring unreadable poll state of source %s: %s", id, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    CompletableFuture<Void> save(String id, FeedPoller.State state) {
        String json;
        synchronized (state) {
            try {
                json = mapper.writeValueAsString(state);
            } catch (JsonProcessingException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        latest.put(id, json);
        return kafka.send(new ProducerRecord<>(topic, id, json));
    }

    CompletableFuture<Void> delete(String id) {
        latest.remove(id);
        return kafka.send(new ProducerRecord<>(topic, id, null));
    }
}
