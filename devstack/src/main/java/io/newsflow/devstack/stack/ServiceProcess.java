package io.newsflow.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One newsflow service running as its own JVM from its packaged Quarkus app ({@code target/quarkus-app}), the way an
 * operator runs it: configuration through environment variables, output to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final Path logFile;
    private final ProcessBuilder command;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private boolean closed;

    private ServiceProcess(String name, int port, Path logFile, ProcessBuilder command, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.command = command;
        this.process = process;
    }

    /**
     * Starts {@code <appDir>/quarkus-run.jar} with the current JVM's java. The child inherits this process's
     * environment, so any setting a user exported reaches the service; {@code env} is laid over it.
     */
    public static ServiceProcess start(String name, Path appDir, int port, Map<String, String> env, List<String> jvmOptions,
            Path logFile) {
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            Files.createDirectories(logFile.getParent());
            return new ServiceProcess(name, port, logFile, builder, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the process without warning (SIGKILL), as a crash, the kernel's OOM killer or a lost node would: no
     * shutdown hook runs, nothing is flushed or committed. Returns once the process is gone.
     */
    public void kill() {
        Process current = process;
        current.destroyForcibly();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + current.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /**
     * Starts the service again with the same command, environment and port, its output appended to the same log. The
     * previous process must be gone ({@link #kill()} or {@link #close()}); wait with {@link #awaitReady(Duration)}.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " again", e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits until {@code /q/health/ready} answers UP; fails early, with the log's tail, if the process dies. */
    public void awaitReady(Duration timeout) {
        Process process = this.process;
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting;"
                        + " its log (" + logFile + ") ends with:\n" + tail(40));
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s (" + last
                + "); its log (" + logFile + ") ends with:\n" + tail(40));
    }

    /** The last lines of the service's log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM: Quarkus shuts down gracefully), then kills it if it does not. */
    @Override
    public void close() {
        Process process;
        // Under the same lock as restart(): a restart racing with close() (a fault injected while the stack stops)
        // either happens first and is stopped here, or is refused.
        synchronized (this) {
            closed = true;
            process = this.process;
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
