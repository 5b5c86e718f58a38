package io.newsflow.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The enrichment settings as shipped in application.properties, so plain tests measure what production runs. */
public final class ShippedSettings {

    private static final Properties PROPERTIES = load();

    private ShippedSettings() {
    }

    public static List<String> languages() {
        return Arrays.stream(get("newsflow.enrich.languages").split(",")).map(String::strip).toList();
    }

    public static double minConfidence() {
        return Double.parseDouble(get("newsflow.enrich.min-confidence"));
    }

    public static int languageMaxChars() {
        return Integer.parseInt(get("newsflow.enrich.language.max-chars"));
    }

    public static int maxChars() {
        return Integer.parseInt(get("newsflow.enrich.max-chars"));
    }

    public static double topicThreshold() {
        return Double.parseDouble(get("newsflow.enrich.topics.threshold"));
    }

    public static int maxTopics() {
        return Integer.parseInt(get("newsflow.enrich.topics.max-topics"));
    }

    public static double topicSaturation() {
        return Double.parseDouble(get("newsflow.enrich.topics.saturation"));
    }

    private static String get(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not set in application.properties");
        }
        return value.strip();
    }

    private static Properties load() {
        try (InputStream in = ShippedSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
