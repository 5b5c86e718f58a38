package io.newsflow.ingest.source;

/** What a seed file says: its headline, its body (paragraphs separated by a blank line) and its source's name. */
public record Seed(String title, String body, String sourceName) {
}
