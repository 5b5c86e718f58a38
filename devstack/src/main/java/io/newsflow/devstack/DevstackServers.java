package io.newsflow.devstack;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.newsflow.events.Topics;

/**
 * Kafka and/or PostgreSQL started together, in parallel, with every contract topic created.
 *
 * <pre>{@code
 * try (DevstackServers servers = DevstackServers.builder()
 *         .kafka(EmbeddedKafka.builder())
 *         .postgres(EmbeddedPostgres.builder())
 *         .start()) {
 *     servers.kafka().orElseThrow().bootstrapServers();
 * }
 * }</pre>
 */
public final class DevstackServers implements AutoCloseable {

    /** Every topic of the event contract gets this many partitions, so consumers can be scaled out to it. */
    public static final int TOPIC_PARTITIONS = 3;

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;

    private DevstackServers(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<EmbeddedKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<EmbeddedPostgres> postgres() {
        return Optional.ofNullable(postgres);
    }

    /** Stops both servers, also when stopping the first one fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable server : new AutoCloseable[] {kafka, postgres}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping the devstack servers failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    public static final class Builder {

        private EmbeddedKafka.Builder kafka;
        private EmbeddedPostgres.Builder postgres;
        private List<String> topics = Topics.ALL;
        private int partitions = TOPIC_PARTITIONS;

        private Builder() {
        }

        /** Starts a broker configured by {@code kafka}; without this call, no broker. */
        public Builder kafka(EmbeddedKafka.Builder kafka) {
            this.kafka = kafka;
            return this;
        }

        /** Starts a PostgreSQL server configured by {@code postgres}; without this call, none. */
        public Builder postgres(EmbeddedPostgres.Builder postgres) {
            this.postgres = postgres;
            return this;
        }

        /** The topics created on the broker; {@link Topics#ALL} with {@value #TOPIC_PARTITIONS} partitions by default. */
        public Builder topics(List<String> topics, int partitions) {
            this.topics = List.copyOf(topics);
            this.partitions = partitions;
            return this;
        }

        /**
         * Starts the requested servers in parallel and returns once all are ready and the topics exist. If one fails,
         * the others are stopped before the failure is thrown.
         */
        public DevstackServers start() {
            CompletableFuture<EmbeddedKafka> kafkaStart = startAsync(kafka == null ? null : () -> {
                EmbeddedKafka broker = kafka.start();
                try {
                    broker.createTopics(topics, partitions);
                    KafkaTopics.createSourceTopics(broker.bootstrapServers(), KafkaTopics.SOURCE_PARTITIONS, java.time.Duration.ofSeconds(60));
                    return broker;
                } catch (RuntimeException e) {
                    broker.close();
                    throw e;
                }
            }, "kafka");
            CompletableFuture<EmbeddedPostgres> postgresStart = startAsync(
                    postgres == null ? null : postgres::start, "postgres");
            EmbeddedKafka startedKafka = null;
            EmbeddedPostgres startedPostgres = null;
            RuntimeException failure = null;
            try {
                startedKafka = kafkaStart.join();
            } catch (CompletionException e) {
                failure = unwrap(e);
            }
            try {
                startedPostgres = postgresStart.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = unwrap(e);
                } else {
                    failure.addSuppressed(e.getCause());
                }
            }
            DevstackServers servers = new DevstackServers(startedKafka, startedPostgres);
            if (failure != null) {
                try {
                    servers.close();
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
                throw failure;
            }
            return servers;
        }

        private static <T> CompletableFuture<T> startAsync(Supplier<T> start, String name) {
            CompletableFuture<T> result = new CompletableFuture<>();
            if (start == null) {
                result.complete(null);
                return result;
            }
            // A thread of its own per server: the common pool may have a single thread on a small machine.
            Thread starter = new Thread(() -> {
                try {
                    result.complete(start.get());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "newsflow-devstack-start-" + name);
            starter.setDaemon(true);
            starter.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            starter.start();
            return result;
        }

        private static RuntimeException unwrap(CompletionException e) {
            Throwable cause = e.getCause();
            return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
