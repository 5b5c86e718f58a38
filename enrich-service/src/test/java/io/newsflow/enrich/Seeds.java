package io.newsflow.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sample articles of the repository's {@code seeds/} folder, read where the demo reads them. */
public final class Seeds {

    /** The French article the project was specified from. */
    public static final String FRENCH = "000_f2058b10de2506b4.txt";
    /** A port strike ends (English). */
    public static final String ENGLISH = "001_en_port_strike.txt";
    /** Night trains are cancelled (German). */
    public static final String GERMAN = "002_de_bahn_fahrplan.txt";
    /** Drought restrictions are lifted (Spanish). */
    public static final String SPANISH = "003_es_sequia_cataluna.txt";

    private Seeds() {
    }

    /**
     * The text the engines analyse, as the demo ingests the file: the headline, a blank line, then the body without a
     * repeat of the headline (the closing {@code Source : ...} credit line stays, as ingest-service keeps it).
     */
    public static String analysedText(String name) {
        List<String> lines = new ArrayList<>(read(name).strip().lines().toList());
        String title = lines.remove(0).strip();
        lines.removeIf(line -> line.strip().equals(title));
        return title + "\n\n" + String.join("\n", lines).strip();
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
