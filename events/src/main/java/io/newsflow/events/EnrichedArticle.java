package io.newsflow.events;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code news.articles.enriched.v1}: every {@link RawArticle} field plus what enrich-service adds.
 * See {@code schemas/v1/enriched-article.schema.json}.
 */
public record EnrichedArticle(
        String id,
        String url,
        String canonicalUrl,
        String title,
        String body,
        String summary,
        List<String> authors,
        Instant publishedAt,
        Instant fetchedAt,
        Source source,
        String contentHash,
        Language language,
        List<Entity> entities,
        List<Topic> topics,
        Enrichment enrichment) {

    public EnrichedArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
        entities = entities == null ? List.of() : List.copyOf(entities);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public static EnrichedArticle of(RawArticle raw, Language language, List<Entity> entities, List<Topic> topics,
            Enrichment enrichment) {
        return new EnrichedArticle(raw.id(), raw.url(), raw.canonicalUrl(), raw.title(), raw.body(), raw.summary(),
                raw.authors(), raw.publishedAt(), raw.fetchedAt(), raw.source(), raw.contentHash(),
                language, entities, topics, enrichment);
    }
}
