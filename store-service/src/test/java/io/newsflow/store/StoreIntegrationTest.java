package io.newsflow.store;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.newsflow.devstack.test.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What the store's integration tests share: devstack's Kafka broker, this module's own PostgreSQL server (which the
 * outage test stops and starts), the enriched topic to send to and the rows to wait for.
 */
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"),
        parallel = true)
@QuarkusTestResource(value = TestDatabase.class, parallel = true)
public abstract class StoreIntegrationTest {

    @InjectKafkaCompanion
    protected KafkaCompanion companion;

    @Inject
    protected DataSource dataSource;

    protected EnrichedTopic topic;
    protected StoredRows rows;

    @BeforeEach
    void connect() {
        topic = new EnrichedTopic(companion);
        rows = new StoredRows(dataSource);
    }
}
