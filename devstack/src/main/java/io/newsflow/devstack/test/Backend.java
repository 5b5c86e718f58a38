package io.newsflow.devstack.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Where the test servers come from. */
enum Backend {
    /** Containers (apache/kafka, postgres:17) through Testcontainers, when a Docker daemon answers with the images. */
    TESTCONTAINERS,
    /** {@link io.newsflow.devstack.EmbeddedKafka} and {@link io.newsflow.devstack.EmbeddedPostgres} in this JVM. */
    EMBEDDED;

    static final String PROPERTY = "newsflow.devstack";
    /** How long {@code auto} lets a daemon pull a missing image before it settles for the embedded servers. */
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    /** Reads {@value #PROPERTY} ({@code testcontainers|embedded|auto}, default auto). */
    static Backend fromSystemProperty() {
        return choose(System.getProperty(PROPERTY, "auto"), Backend::dockerAnswers);
    }

    static Backend choose(String setting, BooleanSupplier dockerAvailable) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "testcontainers" -> TESTCONTAINERS;
            case "embedded" -> EMBEDDED;
            case "auto", "" -> dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + setting + ": expected testcontainers, embedded or auto");
        };
    }

    /**
     * Asks Testcontainers only when some Docker endpoint is configured or present: without one, its probe logs a long
     * error for each strategy it tries, which would greet every test run on a machine without Docker.
     */
    private static boolean dockerAnswers() {
        if (!dockerEndpointConfigured()) {
            return false;
        }
        try {
            return ContainerServers.dockerAvailable(PULL_TIMEOUT);
        } catch (Throwable e) {
            return false;
        }
    }

    private static boolean dockerEndpointConfigured() {
        if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> runtimeDir = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).map(Path::of);
        List<Path> candidates = new java.util.ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".testcontainers.properties")));
        runtimeDir.ifPresent(dir -> {
            candidates.add(dir.resolve("docker.sock"));
            candidates.add(dir.resolve("podman/podman.sock"));
        });
        return candidates.stream().anyMatch(Files::exists);
    }
}
