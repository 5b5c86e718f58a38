package io.newsflow.store.rest;

import java.util.UUID;
import java.util.regex.Pattern;

/** Article ids as they appear in URLs: the canonical 8-4-4-4-12 hex form of a UUID. */
final class ArticleIds {

    // UUID.fromString alone accepts shortened groups such as "1-2-3-4-5"; an article id is only ever the full form.
    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ArticleIds() {
    }

    /** Throws {@link IllegalArgumentException} when {@code id} is not a UUID in canonical form. */
    static UUID parse(String id) {
        if (id == null || !CANONICAL.matcher(id).matches()) {
            throw new IllegalArgumentException("not a UUID (expected 8-4-4-4-12 hexadecimal digits)");
        }
        return UUID.fromString(id);
    }
}
