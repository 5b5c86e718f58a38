package io.newsflow.ingest.extract;

import java.time.Instant;
import java.util.List;

/**
 * What a web page says about the article it carries. Every field may be null (or empty) when the page does not say.
 *
 * @param text the main text, paragraphs separated by a blank line, without navigation, ads or footer
 * @param canonicalUrl from {@code <link rel=canonical>} (absolute http(s)), else null
 */
public record ExtractedArticle(String title, String text, String description, List<String> authors, Instant publishedAt,
        String canonicalUrl) {

    public ExtractedArticle {
        authors = List.copyOf(authors);
    }
}
