package io.newsflow.store.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in the newest-first listing: the (stored_at, id) of the last article of a page. The id breaks ties
 * between articles stored in the same microsecond, so every article has exactly one place in the order.
 */
public record PagePosition(Instant storedAt, UUID id) {

    public PagePosition {
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(id, "id");
    }
}
