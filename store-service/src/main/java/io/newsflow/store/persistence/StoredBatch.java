package io.newsflow.store.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What storing a batch did to each of its articles: inserted (first stored), updated (a newer enrichment replaced the
 * row), or neither, because the row already held that enrichment or a newer one, or because a newer event of the
 * same article came in the same batch.
 *
 * @param inserted the ids of the articles stored for the first time
 * @param updated the ids of the articles whose row was replaced
 * @param unchanged how many of the batch's articles changed nothing
 * @param firstFetchedAt when each inserted article was fetched ({@code fetchedAt}), in no particular order
 */
public record StoredBatch(Set<UUID> inserted, Set<UUID> updated, int unchanged, List<Instant> firstFetchedAt) {

    public StoredBatch {
        inserted = Set.copyOf(inserted);
        updated = Set.copyOf(updated);
        firstFetchedAt = List.copyOf(firstFetchedAt);
    }

    static StoredBatch nothing(int unchanged) {
        return new StoredBatch(Set.of(), Set.of(), unchanged, List.of());
    }
}
