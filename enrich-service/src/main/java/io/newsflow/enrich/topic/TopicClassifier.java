package io.newsflow.enrich.topic;

import java.util.List;

import io.newsflow.events.Entity;

/**
 * Assigns IPTC Media Topics to a text, best first. Implementations are shared by every thread that enriches.
 */
public interface TopicClassifier {

    /**
     * @param text     the analysed text (title, blank line, body)
     * @param language ISO 639-1 code of the text, or {@code und}
     * @param entities the named entities already found in the text
     */
    Classification classify(String text, String language, List<Entity> entities);
}
