package io.newsflow.enrich.entity;

/**
 * Finds the named entities of a text: people, organisations, places and other names, each merged over its mentions.
 * Implementations are shared by every thread that enriches.
 */
public interface EntityRecognizer {

    /**
     * @param text     the analysed text (title, blank line, body); offsets in the result point into it
     * @param language ISO 639-1 code of the text, or {@code und}
     */
    Recognition recognize(String text, String language);

    /**
     * A short name of the engine that finds the entities of texts in {@code language} (e.g. {@code corenlp-fr},
     * {@code chunker}): the {@code engine} tag of its timer and the engine named when it fails. Few distinct values.
     */
    String engineName(String language);
}
