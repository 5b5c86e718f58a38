package io.newsflow.enrich;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Operator settings of enrichment ({@code newsflow.enrich.*}). The defaults live in {@code application.properties},
 * where each one is explained, and every one is listed in the service README.
 */
@ConfigMapping(prefix = "newsflow.enrich")
public interface EnrichConfig {

    /** ISO 639-1 codes of the languages the detector chooses from. */
    List<String> languages();

    /** At most this many characters of title + body are analysed; the rest is cut off and the article flagged. */
    int maxChars();

    /** Below this confidence (the probability that the language is right) the language is reported as {@code und}. */
    double minConfidence();

    /** Language identification. */
    LanguageDetection language();

    interface LanguageDetection {

        /** Only the first this many characters of title + body are given to the language detector. */
        int maxChars();
    }

    /** {@code full} (language, entities, topics) or {@code language-only}. */
    EnrichMode mode();

    /**
     * CPU time one article may take on its engine thread; past it the article is dead-lettered with reason
     * {@code engine-timeout}. The engines' thread finishes it in the background (CoreNLP cannot be interrupted
     * safely), skipping the engines not yet started, and its result is dropped. A thread starved of CPU is waited for
     * longer, up to {@link #maxWait()} ({@link io.newsflow.enrich.pipeline.EngineRunner}).
     */
    Duration timeout();

    /**
     * Wall-clock time an article is waited for at most when its engine thread gets less CPU than {@link #timeout()}
     * (a busy or throttled machine); past it the article is dead-lettered with reason {@code engine-timeout}.
     */
    Duration maxWait();

    /**
     * Threads the engines run on, articles given up on included (they keep theirs until they finish); when all are
     * busy the next article waits. Default: twice {@link #concurrency()}.
     */
    Optional<Integer> engineThreads();

    /**
     * Kafka consumers of the raw topic in this process, each owning whole partitions and enriching its records in order
     * on its own thread. Default: twice the available processors ({@link ComputedDefaults}).
     */
    int concurrency();

    /** {@code POST /engines/benchmark}. */
    BenchmarkEndpoint benchmarkEndpoint();

    interface BenchmarkEndpoint {

        /** Off by default: the endpoint spends every core on the request's articles. */
        boolean enabled();
    }

    /** Named entities. */
    Entities entities();

    interface Entities {

        /**
         * ISO 639-1 codes of the languages analysed by Stanford CoreNLP (among en, fr, de, es, it); their pipelines are
         * loaded at startup. Articles in other languages go to the proper-noun chunker.
         */
        List<String> corenlpLanguages();
    }

    /** IPTC Media Topics. */
    Topics topics();

    interface Topics {

        /** Topics scoring below this (0..1) are not reported. */
        double threshold();

        /** At most this many topics per article, best first. */
        int maxTopics();

        /** The keyword evidence at which a topic's score reaches 1 - 1/e (about 0.63). */
        double saturation();

        /** A directory whose {@code <language>.tsv} files add keywords to the shipped lexicons. */
        Optional<String> lexiconDir();
    }
}
