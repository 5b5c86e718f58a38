package io.newsflow.enrich.eval;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.newsflow.enrich.pipeline.ArticlePipeline;
import io.newsflow.enrich.pipeline.EngineObserver;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;

/**
 * Runs the enrichment pipeline over evaluation items and scores the answers: per file, per language (its files
 * together) and per task.
 */
final class Evaluation {

    /** One item and what the pipeline made of it. */
    record Result(EvalItem item, EnrichedArticle enriched) {
    }

    /** The scores of one group of items (a file, or a language). */
    static final class Scores {
        final EntityTally entities = new EntityTally();
        final TopicTally topics = new TopicTally();
        final LanguageTally languages = new LanguageTally();

        void add(Result result) {
            EvalItem item = result.item();
            languages.add(item, result.enriched().language());
            switch (item.task()) {
                case ENTITIES -> entities.add(item, result.enriched().entities());
                case TOPICS -> topics.add(item, result.enriched().topics());
                case LANGUAGE -> {
                }
            }
        }

        void addAll(Scores other) {
            entities.addAll(other.entities);
            topics.addAll(other.topics);
            languages.addAll(other.languages);
        }
    }

    private final List<Result> results;
    private final Map<String, Scores> byFile = new LinkedHashMap<>();
    private final Map<String, Scores> byLanguage = new TreeMap<>();
    private final Map<String, Long> engineNanos = new TreeMap<>();
    private final double seconds;

    private Evaluation(List<Result> results, Map<String, Long> engineNanos, double seconds) {
        this.results = results;
        this.engineNanos.putAll(engineNanos);
        this.seconds = seconds;
        for (Result result : results) {
            byFile.computeIfAbsent(result.item().file(), f -> new Scores()).add(result);
            byLanguage.computeIfAbsent(result.item().language(), l -> new Scores()).add(result);
        }
    }

    /**
     * Enriches every item on {@code threads} threads, in any order (each item's answer does not depend on the
     * others), reporting progress on {@code progress} every few seconds.
     */
    static Evaluation run(List<EvalItem> items, ArticlePipeline pipeline, int threads, PrintStream progress) {
        Map<String, AtomicLong> nanos = new java.util.concurrent.ConcurrentHashMap<>();
        EngineObserver observer = (engine, took) -> nanos.computeIfAbsent(engine, e -> new AtomicLong()).addAndGet(took);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "eval-" + System.identityHashCode(r));
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (EvalItem item : items) {
                futures.add(pool.submit(() -> {
                    Result result = new Result(item, pipeline.enrich(raw(item), observer));
                    done.incrementAndGet();
                    return result;
                }));
            }
            List<Result> results = new ArrayList<>();
            long lastReport = System.nanoTime();
            for (Future<Result> future : futures) {
                results.add(future.get());
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.printf(Locale.ROOT, "eval: %d of %d texts enriched, %.0f s%n", done.get(), items.size(),
                            (lastReport - start) / 1e9);
                }
            }
            Map<String, Long> engineTotals = new TreeMap<>();
            nanos.forEach((engine, n) -> engineTotals.put(engine, n.get()));
            return new Evaluation(results, engineTotals, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("enrichment failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The item as the service would receive it: title and body, nothing else that the engines read. */
    static RawArticle raw(EvalItem item) {
        return new RawArticle(item.id(), null, null, item.title(), item.body(), null, List.of(), null, Instant.EPOCH,
                new Source(SourceType.FILE, item.file(), null), "sha256:" + "0".repeat(64));
    }

    List<Result> results() {
        return results;
    }

    Map<String, Scores> byFile() {
        return byFile;
    }

    Map<String, Scores> byLanguage() {
        return byLanguage;
    }

    /** CPU-side time spent in each engine, summed over every item and thread. */
    Map<String, Long> engineNanos() {
        return engineNanos;
    }

    double seconds() {
        return seconds;
    }

    /** The scores of every item of one task kind together. */
    Scores all() {
        Scores all = new Scores();
        byFile.values().forEach(all::addAll);
        return all;
    }
}
