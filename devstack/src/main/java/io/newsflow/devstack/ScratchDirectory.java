package io.newsflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * A temporary directory under {@code <java.io.tmpdir>/newsflow-devstack}, owned by this JVM (see {@link Owner}).
 *
 * <p>A JVM that is killed cannot delete its directories (nor stop the PostgreSQL it started); the next start of the
 * same kind of server finds such directories by their dead owner and reclaims them.
 */
final class ScratchDirectory implements AutoCloseable {

    static final String OWNER_FILE = "owner";

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    static Path root() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "newsflow-devstack");
    }

    static ScratchDirectory create(String kind) {
        return create(kind, abandoned -> {
        });
    }

    /**
     * Reclaims the abandoned directories of {@code kind} (after passing each to {@code beforeReclaim}), then creates
     * a new one.
     */
    static ScratchDirectory create(String kind, Consumer<Path> beforeReclaim) {
        try {
            Path root = Files.createDirectories(root());
            reclaimAbandoned(root, kind + "-", beforeReclaim);
            Path dir = Files.createTempDirectory(root, kind + "-");
            Owner.claim(dir.resolve(OWNER_FILE));
            return new ScratchDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory under " + root(), e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        deleteRecursively(path);
    }

    private static void reclaimAbandoned(Path root, String prefix, Consumer<Path> beforeReclaim) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, prefix + "*")) {
            for (Path dir : dirs) {
                if (Owner.isGone(dir.resolve(OWNER_FILE))) {
                    beforeReclaim.accept(dir);
                    deleteRecursively(dir);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
