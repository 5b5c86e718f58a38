package io.newsflow.ingest.article;

/** One reason an article is refused: the field at fault (as the client named it) and what is wrong with it. */
public record Violation(String field, String message) {
}
