package io.newsflow.enrich.entity;

import java.util.List;

import io.newsflow.enrich.ShippedSettings;

/**
 * One recognizer with the CoreNLP pipelines of en, fr, de, es and it (the shipped languages), loaded once per test JVM
 * and shared by the test classes that need it, as the service shares its own.
 */
final class SharedRecognizer {

    static final List<String> CORENLP_LANGUAGES = List.of("en", "fr", "de", "es", "it");

    private static MultilingualEntityRecognizer recognizer;

    private SharedRecognizer() {
    }

    static synchronized MultilingualEntityRecognizer get() {
        if (recognizer == null) {
            recognizer = new MultilingualEntityRecognizer(CORENLP_LANGUAGES, ShippedSettings.languages(), "test");
        }
        return recognizer;
    }
}
