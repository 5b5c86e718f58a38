package io.newsflow.enrich;

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

    /** Below this confidence the language is reported as {@code und}. */
    double minConfidence();

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
