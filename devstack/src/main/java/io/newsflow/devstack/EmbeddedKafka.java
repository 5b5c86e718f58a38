package io.newsflow.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one node) running in this JVM from the
 * kafka_2.13 jars. Listens on 127.0.0.1 only, PLAINTEXT.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
 *     kafka.createTopics(Topics.ALL, 3);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final Properties config;
    private final int port;
    private final int controllerPort;
    private final Path dataDirectory;
    private final ScratchDirectory scratch;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Properties config, int port, int controllerPort, Path dataDirectory,
            ScratchDirectory scratch) {
        this.server = server;
        this.config = config;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDirectory = dataDirectory;
        this.scratch = scratch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's log directory (KRaft metadata and topic data). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates each topic that does not exist yet with {@code partitions} partitions (replication factor 1); existing
     * topics are kept. Returns when every partition of every listed topic has a leader.
     */
    public void createTopics(Collection<String> names, int partitions) {
        KafkaTopics.create(bootstrapServers(), names, partitions, TOPIC_TIMEOUT);
    }

    /** Whether the broker is running: started and neither {@linkplain #stop() stopped} nor closed. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Stops the broker (controlled shutdown) and waits for it, keeping its ports and its log directory, temporary or
     * not, for {@link #restart()}. Clients see the broker go away as they would in production.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    /**
     * Starts the broker again with the same configuration, on the same ports and over the same log directory, so
     * topics, records and committed offsets are where they were; a running broker is stopped first. Returns once the
     * broker accepts clients.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("The broker on port " + port + " is closed");
        }
        stop();
        KafkaRaftServer restarted = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
        try {
            restarted.startup();
        } catch (RuntimeException e) {
            Builder.stopAfterFailedStart(restarted, e);
            throw new IllegalStateException("Kafka broker did not start again on ports " + port + "/" + controllerPort, e);
        }
        server = restarted;
    }

    /** Stops the broker and waits for it; a temporary data directory is deleted, a given one is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            scratch.close();
        }
    }

    public static final class Builder {

        private int port;
        private int controllerPort;
        private Path dataDirectory;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** KRaft controller port; 0 (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /**
         * A directory kept across starts: it is formatted on first use only, so topics and their records survive a
         * restart. Without it the broker gets a temporary directory, deleted on close.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Any broker setting, applied over the single-node defaults (e.g. {@code num.partitions}). */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Formats the log directory when needed, starts the broker and returns once it accepts clients. */
        public EmbeddedKafka start() {
            ServerLogging.quiet();
            ScratchDirectory scratch = ScratchDirectory.create("kafka");
            try {
                Path logDir = dataDirectory != null ? Files.createDirectories(dataDirectory)
                        : Files.createDirectories(scratch.path().resolve("data"));
                for (int attempt = 1;; attempt++) {
                    int chosenPort = port != 0 ? port : FreePorts.pick();
                    int chosenControllerPort = controllerPort != 0 ? controllerPort : FreePorts.pick();
                    while (chosenControllerPort == chosenPort) {
                        chosenControllerPort = FreePorts.pick();
                    }
                    Properties props = properties(logDir, chosenPort, chosenControllerPort);
                    format(props, scratch.path());
                    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
                    try {
                        server.startup();
                        return new EmbeddedKafka(server, props, chosenPort, chosenControllerPort, logDir, scratch);
                    } catch (RuntimeException e) {
                        stopAfterFailedStart(server, e);
                        // A port picked as free can be taken by another process before the broker binds it.
                        boolean portsPicked = port == 0 || controllerPort == 0;
                        if (!(portsPicked && isBindFailure(e) && attempt < 3)) {
                            throw new IllegalStateException("Kafka broker did not start on ports " + chosenPort + "/"
                                    + chosenControllerPort, e);
                        }
                    }
                }
            } catch (IOException e) {
                scratch.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                scratch.close();
                throw e;
            }
        }

        private static void stopAfterFailedStart(KafkaRaftServer server, RuntimeException failure) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private static boolean isBindFailure(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException) {
                    return true;
                }
            }
            return false;
        }

        private Properties properties(Path logDir, int brokerPort, int ctrlPort) {
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(NODE_ID));
            props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ctrlPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toAbsolutePath().toString());
            // One node: internal topics cannot have more replicas than that.
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            // One node holds every coordinator anyway; 50 partitions per internal topic only slow the first use.
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.num.partitions", "1");
            // A consumer group joins at once instead of waiting 3 s for more members that never come.
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "2");
            props.putAll(brokerProperties);
            return props;
        }

        /** KRaft refuses an unformatted log directory; an already formatted one keeps its cluster id and data. */
        private static void format(Properties props, Path scratchDir) throws IOException {
            Path configFile = scratchDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "newsflow devstack broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", configFile.toString(), "--ignore-formatted"}, printer);
            }
            if (exitCode != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed (exit " + exitCode + "): "
                        + output.toString(StandardCharsets.UTF_8));
            }
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }
    }
}
