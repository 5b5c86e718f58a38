package io.newsflow.store.persistence;

import java.util.Objects;
import java.util.UUID;

/**
 * A position in the newest-first listing: the (stored_seq, id) of the last article of a page, and the visibility
 * horizon of the listing's first page, which bounds every page of it. The id breaks ties between the articles of
 * one storing transaction, so every article has exactly one place in the order.
 */
public record PagePosition(long storedSeq, UUID id, long horizon) {

    public PagePosition {
        Objects.requireNonNull(id, "id");
    }
}
