package io.newsflow.ingest.article;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.newsflow.ingest.identity.ArticleIdentity;

/**
 * The rules every article must meet before it is published, whatever its source. They cover every constraint of the
 * RawArticle schema, so an accepted article can always be written to the topic.
 */
public final class ArticleValidator {

    public static final int MAX_TITLE = 1000;
    public static final int MAX_BODY = 1_000_000;
    public static final int MAX_URL = 2048;
    public static final int MAX_SUMMARY = 10_000;
    public static final int MAX_AUTHORS = 100;
    public static final int MAX_NAME = 300;

    private ArticleValidator() {
    }

    /** Every violation in {@code submission}, in field order; empty when it may be published. */
    public static List<Violation> validate(ArticleSubmission submission) {
        List<Violation> violations = new ArrayList<>();
        checkCharacters("url", submission.url(), violations);
        checkCharacters("canonicalUrl", submission.canonicalUrl(), violations);
        checkCharacters("title", submission.title(), violations);
        checkCharacters("body", submission.body(), violations);
        checkCharacters("summary", submission.summary(), violations);
        for (int i = 0; i < submission.authors().size(); i++) {
            checkCharacters("authors[" + i + "]", submission.authors().get(i), violations);
        }
        checkCharacters("source.name", submission.sourceName(), violations);
        if (!violations.isEmpty()) {
            return violations;
        }
        checkUrl("url", submission.url(), violations);
        checkUrl("canonicalUrl", submission.canonicalUrl(), violations);
        String title = ArticleText.title(submission.title());
        String body = ArticleText.body(submission.body());
        if (title.isEmpty() && body.isEmpty()) {
            violations.add(new Violation("title", "an article needs a title or a body; both are empty"));
        }
        if (title.length() > MAX_TITLE) {
            violations.add(new Violation("title", "is " + title.length() + " characters long; the limit is " + MAX_TITLE));
        }
        if (body.length() > MAX_BODY) {
            violations.add(new Violation("body", "is " + body.length() + " characters long; the limit is " + MAX_BODY));
        }
        String summary = ArticleText.summary(submission.summary());
        if (summary != null && summary.length() > MAX_SUMMARY) {
            violations.add(new Violation("summary",
                    "is " + summary.length() + " characters long; the limit is " + MAX_SUMMARY));
        }
        checkAuthors(submission.authors(), violations);
        if (submission.publishedAt() != null) {
            checkInstant("publishedAt", submission.publishedAt(), violations);
        }
        if (submission.sourceName() != null) {
            checkName("source.name", submission.sourceName(), violations);
        }
        return violations;
    }

    /** Parses an ISO-8601 date-time with an offset, as {@link #validate} accepted it. */
    static Instant parseInstant(String text) {
        return OffsetDateTime.parse(text.trim()).toInstant();
    }

    // JSON escapes can spell both a NUL and a lone surrogate: the first cannot be stored as text downstream, the second
    // is not Unicode at all and cannot be encoded as UTF-8, so the event could not be written to the topic.
    private static void checkCharacters(String field, String text, List<Violation> violations) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                violations.add(new Violation(field, "contains a NUL character (U+0000)"));
                return;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                violations.add(new Violation(field, "contains an unpaired UTF-16 surrogate (U+" + Integer.toHexString(c)
                        .toUpperCase(Locale.ROOT) + "), which is not Unicode text"));
                return;
            }
        }
    }

    private static void checkUrl(String field, String url, List<Violation> violations) {
        if (url == null) {
            return;
        }
        if (url.length() > MAX_URL) {
            violations.add(new Violation(field, "is " + url.length() + " characters long; the limit is " + MAX_URL));
            return;
        }
        try {
            ArticleIdentity.parseHttpUrl(url);
            if (ArticleIdentity.normaliseUrl(url).length() > MAX_URL) {
                violations.add(new Violation(field, "is longer than " + MAX_URL + " characters once percent-encoded"));
            }
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, e.getMessage()));
        }
    }

    private static void checkAuthors(List<String> authors, List<Violation> violations) {
        if (authors.size() > MAX_AUTHORS) {
            violations.add(new Violation("authors", "has " + authors.size() + " entries; the limit is " + MAX_AUTHORS));
            return;
        }
        for (int i = 0; i < authors.size(); i++) {
            checkName("authors[" + i + "]", authors.get(i), violations);
        }
    }

    private static void checkName(String field, String raw, List<Violation> violations) {
        String name = ArticleText.line(raw);
        if (name == null) {
            violations.add(new Violation(field, "must not be blank"));
        } else if (name.length() > MAX_NAME) {
            violations.add(new Violation(field, "is " + name.length() + " characters long; the limit is " + MAX_NAME));
        }
    }

    private static void checkInstant(String field, String text, List<Violation> violations) {
        try {
            int year = parseInstant(text).atOffset(ZoneOffset.UTC).getYear();
            // RFC 3339 date-times, which the topic's schema requires, have four-digit years.
            if (year < 1 || year > 9999) {
                violations.add(new Violation(field, "must be between years 0001 and 9999 (UTC)"));
            }
        } catch (DateTimeException e) {
            violations.add(new Violation(field,
                    "must be an ISO-8601 date-time with an offset, e.g. 2022-12-19T08:30:00Z or 2022-12-19T09:30:00+01:00"));
        }
    }
}
