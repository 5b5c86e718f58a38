package io.newsflow.events;

/** Where an article came from: the way in, a name an operator recognises, and the feed URL for feed items. */
public record Source(SourceType type, String name, String feedUrl) {
}
