package io.newsflow.store.persistence;

import java.time.Instant;

/**
 * What GET /articles narrows the listing to; every field is optional (null means no restriction).
 *
 * @param language   ISO 639-1 code (or {@code und}) of the article's language
 * @param entity     an entity the article names: its reference (e.g. {@code iso3166:BY}) or its canonical name
 * @param entityType PERSON, ORGANIZATION, LOCATION or MISC: the article names an entity of this type (the
 *                   {@code entity} itself when both are given)
 * @param topic      IPTC Media Topic code the article is tagged with, or any narrower topic of it
 * @param source     source name
 * @param since      first stored at or after
 * @param until      first stored before
 * @param text       full-text query (web search syntax) in the article's own language
 */
public record ArticleFilter(String language, String entity, String entityType, String topic, String source,
        Instant since, Instant until, String text) {
}
