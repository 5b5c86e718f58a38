package io.newsflow.events;

import java.time.Instant;
import java.util.List;

/** Payload of {@code news.articles.raw.v1}. See {@code schemas/v1/raw-article.schema.json}. */
public record RawArticle(
        String id,
        String url,
        String canonicalUrl,
        String title,
        String body,
        String summary,
        List<String> authors,
        Instant publishedAt,
        Instant fetchedAt,
        Source source,
        String contentHash) {

    public RawArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }
}
