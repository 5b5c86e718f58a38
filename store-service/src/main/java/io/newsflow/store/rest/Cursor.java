package io.newsflow.store.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.newsflow.store.persistence.PagePosition;

/**
 * The opaque {@code cursor} of GET /articles: a listing position as URL-safe base64 of {@code <stored_at>|<id>}.
 * Opaque so that clients pass it back as given, and the listing can change how it pages without breaking them.
 */
final class Cursor {

    private static final char SEPARATOR = '|';

    private Cursor() {
    }

    static String encode(PagePosition position) {
        String plain = position.storedAt().toString() + SEPARATOR + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Throws {@link IllegalArgumentException} when {@code cursor} is not one that {@link #encode} made. */
    static PagePosition decode(String cursor) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned by this API", e);
        }
        int separator = plain.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        try {
            return new PagePosition(Instant.parse(plain.substring(0, separator)),
                    ArticleIds.parse(plain.substring(separator + 1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned by this API", e);
        }
    }
}
