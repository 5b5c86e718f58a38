package io.newsflow.devstack.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The whole newsflow stack on one machine: the devstack Kafka broker and PostgreSQL server, and the three services as
 * separate processes from their packaged apps. Used by the {@code newsflow} command and by the end-to-end tests.
 */
public final class Stack implements AutoCloseable {

    public static final String INGEST = "ingest-service";
    public static final String ENRICH = "enrich-service";
    public static final String STORE = "store-service";

    // Generous: on two busy cores a service has been seen to take two minutes to start; a healthy start returns sooner.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    /** Password of newsflow_reader in a local stack: its servers are on loopback and live as long as the stack. */
    public static final String LOCAL_READER_PASSWORD = "newsflow_reader_local";

    private final StackServers servers;
    private final List<ServiceProcess> services;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Stack(StackServers servers, List<ServiceProcess> services) {
        this.servers = servers;
        this.services = services;
    }

    /**
     * Starts servers and services and returns once every service reports ready. {@code extraEnv} is given to every
     * service on top of the inherited environment (the end-to-end tests use it).
     */
    public static Stack start(StackSettings settings, Map<String, String> extraEnv, Consumer<String> progress) {
        return start(settings, Replicas.ONE, extraEnv, progress);
    }

    /** As {@link #start(StackSettings, Map, Consumer)}, with {@code replicas} processes of each service. */
    public static Stack start(StackSettings settings, Replicas replicas, Map<String, String> extraEnv,
            Consumer<String> progress) {
        checkPortsFree(settings);
        progress.accept("starting Kafka and PostgreSQL");
        StackServers servers = StackServers.start(settings);
        List<ServiceProcess> started = new CopyOnWriteArrayList<>();
        // Interrupted (Ctrl-C, SIGTERM) while starting, the caller has no stack to close yet: the services started so
        // far would outlive this JVM.
        Thread stopStarted = new Thread(() -> started.forEach(ServiceProcess::close), "newsflow-stack-abandoned-start");
        Runtime.getRuntime().addShutdownHook(stopStarted);
        try {
            progress.accept("Kafka at " + servers.bootstrapServers() + ", PostgreSQL at " + servers.jdbcUrl());
            Map<String, String> common = new HashMap<>(extraEnv);
            common.put("KAFKA_BOOTSTRAP_SERVERS", servers.bootstrapServers());

            Map<String, String> store = new HashMap<>(common);
            store.put("QUARKUS_DATASOURCE_JDBC_URL", servers.jdbcUrl());
            store.put("QUARKUS_DATASOURCE_USERNAME", servers.username());
            store.put("QUARKUS_DATASOURCE_PASSWORD", servers.password());
            // The prod profile has no default password for the read-only role the query API logs in as.
            store.putIfAbsent("NEWSFLOW_STORE_READER_PASSWORD", LOCAL_READER_PASSWORD);

            Map<String, String> ingest = new HashMap<>(common);
            // A stack on this machine for one user: ingest's API open, which production refuses without API keys.
            ingest.putIfAbsent("NEWSFLOW_INGEST_HTTP_OPEN", "true");
            settings.watchDir().ifPresent(dir -> ingest.put("NEWSFLOW_INGEST_DIRECTORY_PATH", dir.toString()));

            // Kafka holds whatever ingest publishes until enrich and store are consuming, so start order is free.
            launchAll(started, replicas, settings, STORE, settings.storePort(), store, "-Xmx384m");
            // The models keep about 1,150 MiB live. The serial collector's old generation is two thirds of the heap by
            // default, too little room over them: every young collection then became a full one (about 1 s each, one
            // every 2 s under load, a quarter to a third of enrich-service's CPU in `newsflow bench`). A young
            // generation of 128 MiB leaves the old one 1,920 MiB, and the in-flight articles' garbage dies young there.
            launchAll(started, replicas, settings, ENRICH, settings.enrichPort(), common, "-Xmx2g -Xmn128m");
            launchAll(started, replicas, settings, INGEST, settings.ingestPort(), ingest, "-Xmx384m");
            progress.accept("waiting for the services (logs in " + settings.logs() + ")");
            CompletableFuture.allOf(started.stream()
                    .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(READY_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            return new Stack(servers, started);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            servers.close();
            if (e instanceof CompletionException && e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopStarted);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and runs the hook itself.
            }
        }
    }

    /**
     * The first replica on the service's port, the others on free ports with logs of their own; only the first ingest
     * replica watches the folder (two scanning one folder would publish every file twice).
     */
    private static void launchAll(List<ServiceProcess> started, Replicas replicas, StackSettings settings, String name,
            int port, Map<String, String> env, String defaultHeap) {
        started.add(launch(settings, name, port, env, defaultHeap, name + ".log"));
        Map<String, String> others = new HashMap<>(env);
        others.remove("NEWSFLOW_INGEST_DIRECTORY_PATH");
        for (int replica = 2; replica <= replicas.of(name); replica++) {
            started.add(launch(settings, name, freePort(), others, defaultHeap, name + "-" + replica + ".log"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for a replica: " + e.getMessage(), e);
        }
    }

    private static ServiceProcess launch(StackSettings settings, String name, int port, Map<String, String> env,
            String defaultHeap, String logName) {
        String optionsVariable = "NEWSFLOW_" + name.replace("-service", "").toUpperCase() + "_JAVA_OPTS";
        String options = System.getenv().getOrDefault(optionsVariable, defaultHeap + " -XX:+UseSerialGC");
        List<String> jvm = List.of(options.trim().split("\\s+"));
        return ServiceProcess.start(name, settings.appDir(name), port, env, jvm, settings.logs().resolve(logName));
    }

    private static void checkPortsFree(StackSettings settings) {
        Map<String, Integer> ports = Map.of("NEWSFLOW_INGEST_PORT", settings.ingestPort(),
                "NEWSFLOW_ENRICH_PORT", settings.enrichPort(), "NEWSFLOW_STORE_PORT", settings.storePort());
        ports.forEach((variable, port) -> {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is already in use; stop what holds it or choose"
                        + " another with " + variable + "=<port>");
            }
        });
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Every process of the service, the first one first. */
    public List<ServiceProcess> replicas(String name) {
        return services.stream().filter(s -> s.name().equals(name)).toList();
    }

    public StackServers servers() {
        return servers;
    }

    /** Stops ingest first, then enrich, then store, so work in flight drains downstream; then the servers. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (String name : List.of(INGEST, ENRICH, STORE)) {
            services.stream().filter(s -> s.name().equals(name)).forEach(ServiceProcess::close);
        }
        servers.close();
    }
}
