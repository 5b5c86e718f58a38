package io.newsflow.ingest.polling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.newsflow.ingest.feed.Feed;
import io.newsflow.ingest.feed.RegistryUnavailableException;
import io.newsflow.ingest.messaging.SourceKafka;

/**
 * Source registrations made over HTTP, on a compacted Kafka topic keyed by source id (a deletion is a tombstone): the
 * latest registration of each source survives restarts and is seen by every replica. Each replica reads the whole
 * topic (to list every source) and remembers in which partition each registration lives: the partitions the consumer
 * group gives a replica decide which sources it polls ({@link SourceOwnership}).
 */
public final class FeedRegistry extends CompactedTopicView {

    private static final Logger LOG = Logger.getLogger(FeedRegistry.class);
    private static final long WRITE_TIMEOUT_SECONDS = 10;

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();

    FeedRegistry(SourceKafka kafka, String topic) {
        super(kafka, topic);
    }

    /** Whether the registrations topic has been read in full since startup. */
    public boolean ready() {
        return reader.ready();
    }

    public Collection<Feed> feeds() {
        return List.copyOf(feeds.values());
    }

    /**
     * The partition of a source's registration; for a configured source (never written), the partition its id would
     * be written to, as Kafka's default partitioner chooses it.
     */
    int partitionOf(String id) {
        Integer known = partitionOf.get(id);
        int partitions = reader.partitions();
        if (known != null || partitions == 0) {
            return known == null ? -1 : known;
        }
        return Utils.toPositive(Utils.murmur2(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    /** Writes a registration and waits for Kafka's acknowledgement. */
    public void save(Feed feed) throws RegistryUnavailableException {
        try {
            write(feed.id(), mapper.writeValueAsString(feed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A feed record always serialises", e);
        }
        feeds.put(feed.id(), feed);
    }

    /** Writes a tombstone for the source and waits for Kafka's acknowledgement. */
    public void delete(String id) throws RegistryUnavailableException {
        write(id, null);
        feeds.remove(id);
    }

    private void write(String key, String value) throws RegistryUnavailableException {
        if (!ready()) {
            throw new RegistryUnavailableException("the registrations topic " + topic + " has not been read yet");
        }
        try {
            kafka.send(new ProducerRecord<>(topic, key, value)).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryUnavailableException("Kafka did not acknowledge the registration: " + e);
        }
    }

    @Override
    protected void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            feeds.remove(record.key());
            partitionOf.remove(record.key());
            return;
        }
        try {
            feeds.put(record.key(), mapper.readValue(record.value(), Feed.class));
            partitionOf.put(record.key(), record.partition());
        } catch (JsonProcessingException e) {
            // Written by something else; logged and left out rather than stopping every other registration.
            LOG.warnf("Ignoring unreadable registration at %s-%d offset %d: %s", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
        }
    }
}
