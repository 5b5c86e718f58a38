package io.newsflow.devstack.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.newsflow.devstack.DevstackServers;
import io.newsflow.devstack.KafkaTopics;
import io.newsflow.events.Topics;

/** The same servers as the embedded ones, as containers. Only loaded when a Docker daemon answers. */
final class ContainerServers {

    private static final Logger LOG = Logger.getLogger(ContainerServers.class.getName());

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17";
    private static final String DATABASE = "newsflow";

    private ContainerServers() {
    }

    /**
     * Whether a Docker daemon answers and has both images, pulling a missing one if the daemon can reach a registry
     * within {@code pullTimeout}. A daemon that cannot pull (an air-gapped machine, this project's CI) would otherwise
     * fail every test at its first container; the embedded servers are the same real servers.
     */
    static boolean dockerAvailable(Duration pullTimeout) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return false;
        }
        for (String image : new String[] {KAFKA_IMAGE, POSTGRES_IMAGE}) {
            if (!present(image) && !pulled(image, pullTimeout)) {
                LOG.info(() -> "Docker answers but has no " + image + " and could not pull it within " + pullTimeout
                        + ": using the embedded servers");
                return false;
            }
        }
        return true;
    }

    private static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean pulled(String image, Duration timeout) {
        try {
            return DockerClientFactory.instance().client().pullImageCmd(image).start()
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS) && present(image);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
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
