package io.newsflow.enrich.topic;

import java.util.List;

import io.newsflow.events.Engine;
import io.newsflow.events.Topic;

/** The topics of one text, best first, and the engines (with versions) that assigned them. */
public record Classification(List<Topic> topics, List<Engine> engines) {

    public Classification {
        topics = List.copyOf(topics);
        engines = List.copyOf(engines);
    }
}
