package io.newsflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Records which process owns a directory, as its pid and start time, so that a later start can tell a directory
 * whose JVM is gone (killed without running its shutdown hooks) from one in use.
 *
 * <p>File locks cannot do this within one JVM: on Linux, closing any channel to a file releases every lock the JVM
 * holds on it, so probing a live directory of this JVM would silently give up its lock.
 */
final class Owner {

    private Owner() {
    }

    static void claim(Path file) {
        ProcessHandle self = ProcessHandle.current();
        String record = self.pid() + " " + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Path partial = Files.writeString(file.resolveSibling(file.getFileName() + ".partial"), record,
                    StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** True only when {@code file} names a process that no longer runs; a missing or unreadable record is not. */
    static boolean isGone(Path file) {
        Optional<String[]> record = read(file);
        if (record.isEmpty()) {
            return false;
        }
        try {
            long pid = Long.parseLong(record.get()[0]);
            long started = Long.parseLong(record.get()[1]);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    // A pid is reused by a later process; the start time tells them apart.
                    .map(process -> started != 0 && process.info().startInstant().map(Instant::toEpochMilli)
                            .map(actual -> actual != started).orElse(false))
                    .orElse(true);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    private static Optional<String[]> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim().split(" "));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
