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
}
