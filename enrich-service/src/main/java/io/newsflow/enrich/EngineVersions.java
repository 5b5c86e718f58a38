package io.newsflow.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions of the engines this service is built with, as the build wrote them into small properties files
 * ({@code src/main/resources-filtered}) from the versions the reactor manages, so {@code enrichment.engines} names
 * exactly what runs.
 */
public final class EngineVersions {

    private EngineVersions() {
    }

    /** The {@code version} property of a filtered classpath resource; fails loudly if the build did not fill it in. */
    public static String read(String resource) {
        try (InputStream in = EngineVersions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException(resource + " was not filled in by the build: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
