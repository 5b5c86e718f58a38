package io.newsflow.ingest.article;

import java.util.List;

/**
 * An article as a source hands it over, before validation: every field as received (null when absent). The source
 * name is null when the source does not say, and each source then uses its own default.
 */
public record ArticleSubmission(
        String url,
        String canonicalUrl,
        String title,
        String body,
        String summary,
        List<String> authors,
        String publishedAt,
        String sourceName) {

    public ArticleSubmission {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }

    /**
     * This submission with title, body and summary cut to the limits of {@link ArticleValidator}: text extracted from a
     * page or a feed is published shortened rather than refused for its length.
     */
    public ArticleSubmission clipped() {
        return new ArticleSubmission(url, canonicalUrl, clip(title, ArticleValidator.MAX_TITLE),
                clip(body, ArticleValidator.MAX_BODY), clip(summary, ArticleValidator.MAX_SUMMARY), authors, publishedAt,
                sourceName == null ? null : clip(sourceName, ArticleValidator.MAX_NAME));
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = ArticleText.body(text);
        return line.length() <= max ? line : line.substring(0, max).strip();
    }

    /** A submission with only a headline, a text and the name of its source, as plain-text sources give. */
    public static ArticleSubmission ofText(String title, String body, String sourceName) {
        return new ArticleSubmission(null, null, title, body, null, List.of(), null, sourceName);
    }
}
