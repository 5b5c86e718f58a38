package io.newsflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A freshly initialised, cleanly stopped data directory, kept under the scratch root and copied for each new server.
 * initdb takes 3-5 s on a busy machine, a copy a fraction of that, and every test JVM starts at least one server.
 *
 * <p>The template is specific to the PostgreSQL binaries (its name carries a hash of where they come from), built
 * once per machine, and published by an atomic rename so that concurrent JVMs only ever copy a complete one.
 */
final class PostgresTemplate {

    private static final String BINARIES_RESOURCE = "/postgres-linux-x86_64.txz";

    private PostgresTemplate() {
    }

    /**
     * Copies the template, built first if need be, into the empty directory {@code target}. Without binaries it can
     * identify, it copies nothing and the server's own start runs initdb.
     */
    static void copyInto(Path target, TemplateBuilder build) {
        Optional<Path> template = ensure(build);
        if (template.isEmpty()) {
            return;
        }
        copyTree(template.get(), target);
        try {
            // PostgreSQL refuses a data directory others can read.
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs initdb in the given empty directory, starts the server once and stops it cleanly. */
    interface TemplateBuilder {
        void initialise(Path dataDirectory) throws IOException;
    }

    private static Optional<Path> ensure(TemplateBuilder build) {
        Optional<String> key = binariesKey();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Path template = ScratchDirectory.root().resolve("pgtemplate-" + key.get());
        if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return Optional.of(template);
        }
        try (ScratchDirectory building = ScratchDirectory.create("pgtemplate-build")) {
            Path data = building.path().resolve("data");
            build.initialise(data);
            Files.move(data, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException builtMeanwhile) {
            // Another JVM published the same template first; theirs is as good as ours.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the PostgreSQL template data directory", e);
        }
        return Optional.of(template);
    }

    private static Optional<String> binariesKey() {
        URL binaries = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class.getResource(BINARIES_RESOURCE);
        if (binaries == null) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(binaries.toExternalForm().getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the PostgreSQL template into " + target, e);
        }
    }
}
