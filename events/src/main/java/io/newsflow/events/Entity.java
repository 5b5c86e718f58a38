package io.newsflow.events;

import java.util.List;

/**
 * A named entity of one article: every mention merged under one canonical name.
 *
 * @param ref         language-independent reference when known: {@code iso3166:BY} (country), {@code iso3166-2:US-TX}
 *                    (first-level subdivision), {@code geonames:625144} (populated place); else null
 * @param firstOffset character offset of the first mention in title + body
 * @param geo         where the place is, for a location with a ref; else null (added within v1)
 */
public record Entity(String name, EntityType type, String ref, int mentions, List<String> surfaceForms, int firstOffset,
        Geo geo) {

    public Entity {
        surfaceForms = surfaceForms == null ? List.of() : List.copyOf(surfaceForms);
    }

    /** An entity without coordinates. */
    public Entity(String name, EntityType type, String ref, int mentions, List<String> surfaceForms, int firstOffset) {
        this(name, type, ref, mentions, surfaceForms, firstOffset, null);
    }

    /** This entity with a ref and where it is. */
    public Entity withPlace(String placeRef, Geo placeGeo) {
        return new Entity(name, type, placeRef, mentions, surfaceForms, firstOffset, placeGeo);
    }
}
