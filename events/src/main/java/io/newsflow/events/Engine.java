package io.newsflow.events;

/** A model or library that took part in an enrichment, with its version. */
public record Engine(String name, String version) {
}
