package io.newsflow.enrich.entity;

import java.util.List;

import io.newsflow.events.Engine;
import io.newsflow.events.Entity;

/** The entities of one text, and the engines (with versions) that found them. */
public record Recognition(List<Entity> entities, List<Engine> engines) {

    public Recognition {
        entities = List.copyOf(entities);
        engines = List.copyOf(engines);
    }
}
