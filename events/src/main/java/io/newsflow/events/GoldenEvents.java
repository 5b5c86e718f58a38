package io.newsflow.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The golden sample events shipped with the contract ({@code golden/*.json}): what a valid event of each topic
 * looks like, for documentation and for tests in every module.
 */
public final class GoldenEvents {

    private GoldenEvents() {
    }

    public static byte[] rawArticleJson() {
        return read("golden/raw-article.json");
    }

    public static byte[] enrichedArticleJson() {
        return read("golden/enriched-article.json");
    }

    public static RawArticle rawArticle() {
        return decode(rawArticleJson(), EventSchema.RAW_ARTICLE, RawArticle.class);
    }

    public static EnrichedArticle enrichedArticle() {
        return decode(enrichedArticleJson(), EventSchema.ENRICHED_ARTICLE, EnrichedArticle.class);
    }

    private static <T> T decode(byte[] json, EventSchema schema, Class<T> type) {
        try {
            return EventCodec.decode(json, schema, type);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("A golden event is invalid: " + e.getMessage(), e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = GoldenEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
