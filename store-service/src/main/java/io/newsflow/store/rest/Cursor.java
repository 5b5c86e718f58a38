package io.newsflow.store.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.newsflow.store.persistence.PagePosition;

/**
 * The opaque tokens of GET /articles, as URL-safe base64: the {@code cursor} of the next page, a listing position
 * {@code <stored_seq>|<id>|<horizon>}, and the {@code position} a client polls from, {@code p|<horizon>}. Opaque so
 * that clients pass them back as given, and the listing can change how it pages without breaking them.
 */
final class Cursor {

    private static final String SEPARATOR = "|";
    private static final String POSITION = "p";

    private Cursor() {
    }

    static String encode(PagePosition position) {
        return base64(position.storedSeq() + SEPARATOR + position.id() + SEPARATOR + position.horizon());
    }

    /** Throws {@link IllegalArgumentException} when {@code cursor} is not one that {@link #encode} made. */
    static PagePosition decode(String cursor) {
        String[] parts = plain(cursor).split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        try {
            return new PagePosition(Long.parseLong(parts[0]), ArticleIds.parse(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned by this API", e);
        }
    }

    static String encodePosition(long horizon) {
        return base64(POSITION + SEPARATOR + horizon);
    }

    /** Throws {@link IllegalArgumentException} when {@code position} is not one that {@link #encodePosition} made. */
    static long decodePosition(String position) {
        String[] parts = plain(position).split("\\|", -1);
        if (parts.length != 2 || !parts[0].equals(POSITION)) {
            throw new IllegalArgumentException("not a position returned by this API");
        }
        try {
            return Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position returned by this API", e);
        }
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String plain(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a token returned by this API", e);
        }
    }
}
