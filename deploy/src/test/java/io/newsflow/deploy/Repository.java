package io.newsflow.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The repository the deploy files live in, and the command-line tools the tests run over them. */
final class Repository {

    static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "store-service");

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("newsflow.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("deploy")) || !Files.isDirectory(root.resolve("store-service"))) {
            throw new IllegalStateException("Not the newsflow repository: " + root);
        }
        return root.toAbsolutePath().normalize();
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    /** The project version, which is the tag Jib gives the images. */
    static String version() {
        String version = System.getProperty("newsflow.version");
        if (version == null) {
            throw new IllegalStateException("System property newsflow.version is not set (the pom sets it)");
        }
        return version;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command in the repository root, with {@code unset} removed from its environment. */
    static Result run(List<String> command, List<String> unset) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile());
        Map<String, String> environment = builder.environment();
        unset.forEach(environment::remove);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
