package io.newsflow.devstack.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.newsflow.devstack.DevstackServers;
import io.newsflow.devstack.KafkaTopics;
import io.newsflow.events.Topics;

/** The same servers as the embedded ones, as containers. Only loaded when a Docker daemon answers. */
final class ContainerServers {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17";
    private static final String DATABASE = "newsflow";

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts the containers in parallel and returns their settings; the closer stops them. */
    static SharedServers.Started start(Set<ServerKind> kinds) {
        CompletableFuture<KafkaContainer> kafka = kinds.contains(ServerKind.KAFKA)
                ? CompletableFuture.supplyAsync(ContainerServers::startKafka, SharedServers::startThread)
                : CompletableFuture.completedFuture(null);
        CompletableFuture<PostgreSQLContainer> postgres = kinds.contains(ServerKind.POSTGRES)
                ? CompletableFuture.supplyAsync(ContainerServers::startPostgres, SharedServers::startThread)
                : CompletableFuture.completedFuture(null);
        try {
            CompletableFuture.allOf(kafka, postgres).join();
        } catch (CompletionException e) {
            kafka.thenAccept(ContainerServers::stop);
            postgres.thenAccept(ContainerServers::stop);
            throw new IllegalStateException("Starting containers " + ServerKind.format(kinds) + " failed",
                    e.getCause());
        }
        Map<String, String> config = new LinkedHashMap<>();
        KafkaContainer broker = kafka.join();
        PostgreSQLContainer database = postgres.join();
        if (broker != null) {
            config.put(SharedServers.KAFKA_BOOTSTRAP, broker.getBootstrapServers());
        }
        if (database != null) {
            config.put(SharedServers.JDBC_URL, database.getJdbcUrl());
            config.put(SharedServers.JDBC_USERNAME, database.getUsername());
            config.put(SharedServers.JDBC_PASSWORD, database.getPassword());
        }
        return new SharedServers.Started(config, () -> {
            stop(broker);
            stop(database);
        });
    }

    private static KafkaContainer startKafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        try {
            KafkaTopics.create(container.getBootstrapServers(), Topics.ALL, DevstackServers.TOPIC_PARTITIONS,
                    Duration.ofSeconds(60));
            KafkaTopics.createSourceTopics(container.getBootstrapServers(), KafkaTopics.SOURCE_PARTITIONS,
                    Duration.ofSeconds(60));
            return container;
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    private static PostgreSQLContainer startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(DATABASE)
                .withUsername(DATABASE)
                .withPassword(DATABASE)
                // The same trade as EmbeddedPostgres.Builder#forTests(): speed over crash safety.
                .withCommand("postgres -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        container.start();
        return container;
    }

    private static void stop(GenericContainer<?> container) {
        if (container != null) {
            container.stop();
        }
    }
}
