package io.newsflow.devstack.stack;

import java.util.concurrent.atomic.AtomicBoolean;

import io.newsflow.devstack.DevstackServers;
import io.newsflow.devstack.EmbeddedKafka;
import io.newsflow.devstack.EmbeddedPostgres;

/**
 * The stack's Kafka broker and PostgreSQL server. The broker's log is temporary (the topics are transport), while
 * PostgreSQL keeps its data in {@link StackSettings#postgresData()} so stored articles survive from one run to the next.
 */
public final class StackServers implements AutoCloseable {

    private final DevstackServers servers;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StackServers(DevstackServers servers) {
        this.servers = servers;
        this.kafka = servers.kafka().orElseThrow();
        this.postgres = servers.postgres().orElseThrow();
    }

    static StackServers start(StackSettings settings) {
        return new StackServers(DevstackServers.builder()
                .kafka(EmbeddedKafka.builder().port(settings.kafkaPort()))
                .postgres(EmbeddedPostgres.builder().port(settings.postgresPort()).dataDirectory(settings.postgresData()))
                .start());
    }

    /** The broker, for clients that need more than its address (and for fault injection: stop, restart). */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The database server, for fault injection (stop, restart). */
    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String username() {
        return postgres.username();
    }

    public String password() {
        return postgres.password();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            servers.close();
        }
    }
}
