package io.newsflow.events;

import java.util.List;

/**
 * A named entity of one article: every mention merged under one canonical name.
 *
 * @param ref         language-independent reference when known (e.g. {@code iso3166:BY}), else null
 * @param firstOffset character offset of the first mention in title + body
 */
public record Entity(String name, EntityType type, String ref, int mentions, List<String> surfaceForms, int firstOffset) {

    public Entity {
        surfaceForms = surfaceForms == null ? List.of() : List.copyOf(surfaceForms);
    }
}
