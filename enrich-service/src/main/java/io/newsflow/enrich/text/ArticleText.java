package io.newsflow.enrich.text;

import io.newsflow.events.RawArticle;

/**
 * The text of an article as every engine analyses it: title, a blank line, then body, cut to a maximum length.
 * Engines share this one form so that character offsets they report mean the same thing.
 *
 * @param truncated true when the article was longer than the limit and only its beginning is analysed
 */
public record ArticleText(String text, boolean truncated) {

    static final String SEPARATOR = "\n\n";

    public static ArticleText of(RawArticle article, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        String full = article.title() + SEPARATOR + article.body();
        if (full.length() <= maxChars) {
            return new ArticleText(full, false);
        }
        int end = maxChars;
        // A cut between the two halves of a surrogate pair would leave an unpaired surrogate, which is not text.
        if (Character.isHighSurrogate(full.charAt(end - 1))) {
            end--;
        }
        return new ArticleText(full.substring(0, end), true);
    }
}
