package io.newsflow.enrich.entity;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.List;

import io.newsflow.enrich.ShippedSettings;

/**
 * Prints the heap one language's entity engine retains once loaded: its CoreNLP pipeline (en, fr, de, es, it), or the
 * place gazetteer and the proper-noun chunker for any other language. Run in a fresh JVM per language
 * ({@code EnrichmentBenchmark} does): CoreNLP keeps loaded models in static caches, so a second load in one JVM costs
 * nothing and would measure nothing. Output: one line {@code heap=<bytes>}.
 */
public final class PipelineHeap {

    private PipelineHeap() {
    }

    public static void main(String[] args) {
        String language = args[0];
        long before = usedHeapAfterGc();
        Object engine = CoreNlpTagger.SUPPORTED.contains(language)
                ? new CoreNlpTagger(List.of(language))
                : new ProperNounChunker(new PlaceGazetteer(ShippedSettings.languages()));
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(engine);
        System.out.println("heap=" + (after - before));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
