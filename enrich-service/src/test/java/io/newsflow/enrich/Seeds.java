package io.newsflow.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sample articles of the repository's {@code seeds/} folder, read where the demo reads them. */
public final class Seeds {

    /** The French article the project was specified from. */
    public static final String FRENCH = "000_f2058b10de2506b4.txt";

    private Seeds() {
    }

    public static String read(String name) {
        Path file = Path.of("..", "seeds", name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed " + file.toAbsolutePath().normalize(), e);
        }
    }
}
