package io.newsflow.devstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;

/**
 * Runs a command's work on a stack that is stopped on every way out: a normal return, an exception, or Ctrl-C. The
 * shutdown hook is what stops the services and servers when the user interrupts; without it their processes would
 * outlive the command.
 */
final class StackSession {

    /** The command's work on the started stack; returns the command's exit status. */
    interface Work {
        int run(Stack stack) throws Exception;
    }

    private StackSession() {
    }

    static int run(String command, StackSettings settings, Map<String, String> env, Consumer<String> progress,
            Work work) {
        AtomicReference<Stack> running = new AtomicReference<>();
        Thread stopOnInterrupt = new Thread(() -> {
            Stack stack = running.getAndSet(null);
            if (stack != null) {
                stack.close();
            }
        }, "newsflow-" + command + "-stop");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            running.set(Stack.start(settings, env, progress));
            return work.run(running.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            Stack stack = running.getAndSet(null);
            if (stack != null) {
                progress.accept("stopping");
                stack.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting and runs the hook itself.
            }
        }
    }

    /** Deletes the stack's PostgreSQL data directory, so that every row a measuring command finds is its own. */
    static void freshDatabase(StackSettings settings) {
        Path dir = settings.postgresData();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty " + dir + " for a fresh database: " + e.getMessage(), e);
        }
    }
}
