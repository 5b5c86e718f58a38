package io.newsflow.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    protected String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    protected String owner;

    @ConfigProperty(name = "quarkus.datasource.password")
    protected String ownerPassword;

    protected EnrichedTopic topic;
    protected StoredRows rows;

    /** A connection of its own as the schema owner, outside the service's pools (to lock, block or watch). */
    protected Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, owner, ownerPassword);
    }

    @BeforeEach
    void connect() {
        topic = new EnrichedTopic(companion);
        rows = new StoredRows(dataSource);
    }
}
