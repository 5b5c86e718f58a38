package io.newsflow.enrich.pipeline;

/** Told how long each engine took on an article, e.g. to feed the per-engine timers. */
@FunctionalInterface
public interface EngineObserver {

    /** Observes nothing: runs whose timings must not count in the service's metrics (the benchmark endpoint). */
    EngineObserver NONE = (engine, nanos) -> {
    };

    /**
     * @param engine the engine's short name ({@code lingua}, {@code corenlp-fr}, {@code chunker}, {@code topics})
     * @param nanos  how long it took on one article
     */
    void took(String engine, long nanos);
}
