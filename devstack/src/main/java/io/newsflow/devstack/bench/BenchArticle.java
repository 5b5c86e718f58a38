package io.newsflow.devstack.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;

/** One generated article, in the language it was written in. */
public record BenchArticle(String language, String title, String body, List<String> authors, Instant publishedAt) {

    public static final String SOURCE_NAME = "newsflow-bench";
    /** The source of the articles that warm the pipeline up before the measured ones; they never enter the figures. */
    public static final String WARM_UP_SOURCE_NAME = "newsflow-bench-warm-up";

    public BenchArticle {
        authors = List.copyOf(authors);
    }

    public int words() {
        return countWords(title) + countWords(body);
    }

    /** The fields of ingest-service's {@code POST /articles}. */
    public Map<String, Object> ingestRequest() {
        return ingestRequest(SOURCE_NAME);
    }

    /** The fields of ingest-service's {@code POST /articles}, from the source {@code sourceName}. */
    public Map<String, Object> ingestRequest(String sourceName) {
        return Map.of("title", title, "body", body, "authors", authors, "publishedAt", publishedAt.toString(),
                "source", Map.of("name", sourceName));
    }

    /**
     * The article as it would travel on the raw topic, for enrich-service's engine benchmark, which does not care how
     * the id was derived as long as it is a UUID; ingest's own id scheme stays ingest's.
     */
    public RawArticle rawArticle(Instant fetchedAt) {
        byte[] text = (title + "\n" + body).getBytes(StandardCharsets.UTF_8);
        return new RawArticle(UUID.nameUUIDFromBytes(text).toString(), null, null, title, body, null, authors,
                publishedAt, fetchedAt, new Source(SourceType.HTTP, SOURCE_NAME, null), "sha256:" + sha256(text));
    }

    static int countWords(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
