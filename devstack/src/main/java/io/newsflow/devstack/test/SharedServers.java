package io.newsflow.devstack.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newsflow.devstack.DevstackServers;
import io.newsflow.devstack.EmbeddedKafka;
import io.newsflow.devstack.EmbeddedPostgres;
import io.newsflow.devstack.ServerLogging;

/**
 * The servers of this test JVM: each kind is started at most once, on first request, and stopped when the JVM exits.
 *
 * <p>Quarkus loads test resources in class loaders of its own, possibly several per run, and may close them when it
 * restarts the application for another test class; a static field in such a copy of this class would neither be
 * shared nor outlive its loader. So the work is done by the copy of this class that the system class loader sees (on
 * the test class path under Surefire, Gradle and IDEs), which lives as long as the JVM, and every other copy calls it
 * by reflection with JDK types only. What has been started is also recorded in system properties
 * ({@value #RECORD_PREFIX}...), so that even copies that cannot reach the system class loader's copy reuse the
 * servers instead of starting more.
 */
final class SharedServers {

    static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String JDBC_USERNAME = "quarkus.datasource.username";
    static final String JDBC_PASSWORD = "quarkus.datasource.password";
    static final String RECORD_PREFIX = "newsflow.devstack.shared.";

    /**
     * String literals are interned JVM-wide, so every copy of this class, whatever its class loader, locks the same
     * object.
     */
    private static final String LOCK = "io.newsflow.devstack.test.SharedServers.lock";

    private static final Map<ServerKind, List<String>> KEYS = Map.of(
            ServerKind.KAFKA, List.of(KAFKA_BOOTSTRAP),
            ServerKind.POSTGRES, List.of(JDBC_URL, JDBC_USERNAME, JDBC_PASSWORD));

    /** What a backend started: the settings to hand to Quarkus, and how to stop it. */
    record Started(Map<String, String> config, Runnable stop) {
    }

    private SharedServers() {
    }

    /** The settings of the requested servers, starting those not running yet in this JVM. */
    @SuppressWarnings("unchecked")
    static Map<String, String> acquire(Set<ServerKind> kinds) {
        String list = ServerKind.format(kinds);
        Class<?> jvmWide = jvmWideCopy();
        if (jvmWide == SharedServers.class) {
            return startOrReuse(list);
        }
        try {
            Method startOrReuse = jvmWide.getDeclaredMethod("startOrReuse", String.class);
            startOrReuse.setAccessible(true);
            return (Map<String, String>) startOrReuse.invoke(null, list);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot reach the devstack servers of this JVM", e);
        }
    }

    private static Class<?> jvmWideCopy() {
        try {
            return Class.forName(SharedServers.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError notOnTheSystemClassPath) {
            return SharedServers.class;
        }
    }

    /** Takes and returns JDK types only: it is called across class loaders. */
    static Map<String, String> startOrReuse(String list) {
        Set<ServerKind> kinds = ServerKind.parse(list);
        synchronized (LOCK) {
            Set<ServerKind> missing = EnumSet.noneOf(ServerKind.class);
            for (ServerKind kind : kinds) {
                if (!KEYS.get(kind).stream().allMatch(key -> System.getProperty(RECORD_PREFIX + key) != null)) {
                    missing.add(kind);
                }
            }
            if (!missing.isEmpty()) {
                record(start(missing));
            }
            Map<String, String> config = new LinkedHashMap<>();
            for (ServerKind kind : kinds) {
                KEYS.get(kind).forEach(key -> config.put(key, System.getProperty(RECORD_PREFIX + key)));
            }
            return config;
        }
    }

    private static Started start(Set<ServerKind> kinds) {
        ServerLogging.quiet();
        Thread current = Thread.currentThread();
        ClassLoader callerLoader = current.getContextClassLoader();
        // Server threads inherit the context class loader and load classes through it for as long as they run.
        current.setContextClassLoader(SharedServers.class.getClassLoader());
        try {
            return switch (backend()) {
                case TESTCONTAINERS -> ContainerServers.start(kinds);
                case EMBEDDED -> startEmbedded(kinds);
            };
        } finally {
            current.setContextClassLoader(callerLoader);
        }
    }

    /** Chosen once per JVM, so that Kafka and PostgreSQL asked for by different test classes come from one place. */
    private static Backend backend() {
        String key = RECORD_PREFIX + "backend";
        String chosen = System.getProperty(key);
        if (chosen == null) {
            chosen = Backend.fromSystemProperty().name();
            System.setProperty(key, chosen);
        }
        return Backend.valueOf(chosen);
    }

    private static Started startEmbedded(Set<ServerKind> kinds) {
        DevstackServers servers = DevstackServers.builder()
                .kafka(kinds.contains(ServerKind.KAFKA) ? EmbeddedKafka.builder() : null)
                .postgres(kinds.contains(ServerKind.POSTGRES) ? EmbeddedPostgres.builder().forTests() : null)
                .start();
        Map<String, String> config = new LinkedHashMap<>();
        servers.kafka().ifPresent(kafka -> config.put(KAFKA_BOOTSTRAP, kafka.bootstrapServers()));
        servers.postgres().ifPresent(postgres -> {
            config.put(JDBC_URL, postgres.jdbcUrl());
            config.put(JDBC_USERNAME, postgres.username());
            config.put(JDBC_PASSWORD, postgres.password());
        });
        return new Started(config, servers::close);
    }

    private static void record(Started started) {
        Runtime.getRuntime().addShutdownHook(new Thread(started.stop(), "newsflow-devstack-stop"));
        started.config().forEach((key, value) -> System.setProperty(RECORD_PREFIX + key, value));
    }

    static Thread startThread(Runnable task) {
        Thread thread = new Thread(task, "newsflow-devstack-start");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
