package io.newsflow.events;

import java.time.Instant;
import java.util.List;

/**
 * How an article was enriched.
 *
 * @param truncated  true when the text was cut before analysis because it was too long
 * @param enrichedAt when enrichment finished; the store keeps the newest enrichment of an article
 */
public record Enrichment(String version, List<Engine> engines, long tookMs, boolean truncated, Instant enrichedAt) {

    public Enrichment {
        engines = engines == null ? List.of() : List.copyOf(engines);
    }
}
