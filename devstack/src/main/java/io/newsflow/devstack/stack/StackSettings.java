package io.newsflow.devstack.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack lives and how it is reached. Every value has a default and an environment variable.
 *
 * @param root        the repository root: the services' packaged apps are under {@code <service>/target/quarkus-app}
 * @param home        state and logs ({@code NEWSFLOW_HOME}, default {@code <root>/.newsflow}): PostgreSQL data in
 *                    {@code postgres/}, one log per service in {@code logs/}
 * @param watchDir    the folder ingest-service watches, if any
 * @param kafkaPort   0 for a free port ({@code NEWSFLOW_KAFKA_PORT})
 * @param postgresPort 0 for a free port ({@code NEWSFLOW_POSTGRES_PORT})
 */
public record StackSettings(Path root, Path home, int ingestPort, int enrichPort, int storePort, int kafkaPort,
        int postgresPort, Optional<Path> watchDir) {

    public static final int DEFAULT_INGEST_PORT = 8081;
    public static final int DEFAULT_ENRICH_PORT = 8082;
    public static final int DEFAULT_STORE_PORT = 8083;

    /** Settings from the environment, the way the {@code newsflow} command reads them. */
    public static StackSettings fromEnvironment(Path root, Map<String, String> env, Optional<Path> watchDir) {
        Path home = Optional.ofNullable(env.get("NEWSFLOW_HOME")).map(Path::of).orElse(root.resolve(".newsflow"));
        return new StackSettings(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(),
                port(env, "NEWSFLOW_INGEST_PORT", DEFAULT_INGEST_PORT),
                port(env, "NEWSFLOW_ENRICH_PORT", DEFAULT_ENRICH_PORT),
                port(env, "NEWSFLOW_STORE_PORT", DEFAULT_STORE_PORT),
                port(env, "NEWSFLOW_KAFKA_PORT", 0),
                port(env, "NEWSFLOW_POSTGRES_PORT", 0),
                watchDir.map(p -> p.toAbsolutePath().normalize()));
    }

    static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), not '" + value + "'");
        }
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path postgresData() {
        return home.resolve("postgres");
    }

    public Path appDir(String service) {
        return root.resolve(service).resolve("target").resolve("quarkus-app");
    }
}
