package io.newsflow.ingest.article;

import java.text.Normalizer;
import java.util.regex.Pattern;

import io.newsflow.ingest.identity.ArticleIdentity;

/** How received text is cleaned before it is published: the form the limits apply to and consumers read. */
final class ArticleText {

    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n?");

    private ArticleText() {
    }

    /** A headline is one line: whitespace collapsed, NFC. */
    static String title(String raw) {
        return ArticleIdentity.normaliseText(raw);
    }

    /** The body keeps its paragraphs: NFC, "\n" line ends, trimmed. */
    static String body(String raw) {
        return raw == null ? "" : LINE_BREAK.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll("\n").strip();
    }

    /** A summary is cleaned like a body; a blank one means there is no summary. */
    static String summary(String raw) {
        String text = body(raw);
        return text.isEmpty() ? null : text;
    }

    /** Names (author, source): one line, NFC; null or blank gives null. */
    static String line(String raw) {
        String text = ArticleIdentity.normaliseText(raw);
        return text.isEmpty() ? null : text;
    }
}
