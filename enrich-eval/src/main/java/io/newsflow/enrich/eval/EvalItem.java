package io.newsflow.enrich.eval;

import java.util.List;

/**
 * One text of an evaluation file with its gold answers. Every item is scored for its language; entity items also for
 * their entities, topic items for their topic.
 *
 * @param file     the file it comes from (its name, as reported)
 * @param language the gold language (ISO 639-1)
 * @param entities gold entity clusters (entity items only)
 * @param topic    the gold top-level IPTC Media Topic, e.g. {@code 04000000} (topic items only)
 */
record EvalItem(String file, String id, String language, String title, String body, Task task,
        List<GoldCluster> entities, String topic) {

    enum Task {
        ENTITIES, TOPICS, LANGUAGE
    }

    EvalItem {
        entities = List.copyOf(entities);
    }
}
