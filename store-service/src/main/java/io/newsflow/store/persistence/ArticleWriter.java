package io.newsflow.store.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.util.PGobject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Entity;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Source;
import io.newsflow.events.Topic;

/**
 * Writes batches of articles with their sources, entities and topics: a fixed number of statements per batch
 * whatever its size, each a multi-row upsert fed by one JSON parameter that PostgreSQL unpacks
 * ({@code jsonb_array_elements}, {@code jsonb_to_recordset}), so every value arrives as a bind parameter and a batch
 * costs eight round trips.
 * <p>
 * Rows are inserted in key order so that replicas writing overlapping batches at once lock shared rows (sources,
 * entities, topics) in the same order and cannot deadlock.
 */
@ApplicationScoped
public class ArticleWriter {

    private static final String UPSERT_SOURCES = """
            INSERT INTO sources (type, name, feed_url)
            SELECT x.type, x.name, x.feed_url
            FROM jsonb_to_recordset(?) AS x(type text, name text, feed_url text)
            ORDER BY 1, 2, 3
            ON CONFLICT (type, name, (coalesce(feed_url, ''))) DO NOTHING
            """;

    /**
     * Idempotent and newest-enrichment-wins. An identical redelivery matches neither branch of the WHERE, so the row
     * (updated_at included) is not even rewritten; an older enrichment never replaces a newer one. stored_at is not
     * in the SET list: it keeps the time of the first store. RETURNING names the rows inserted or replaced, the only
     * ones whose entities and topics change. The join to sources is an outer one so that an article whose source
     * row is missing fails loudly (source_id NOT NULL) instead of vanishing from the batch.
     */
    private static final String UPSERT_ARTICLES = """
            INSERT INTO articles (id, url, canonical_url, title, body, summary, authors, language_code,
                                  language_confidence, published_at, fetched_at, source_type, source_name, feed_url,
                                  source_id, content_hash, enrichment_version, enrichment_took_ms,
                                  enrichment_truncated, enriched_at, event)
            SELECT (e ->> 'id')::uuid, e ->> 'url', e ->> 'canonicalUrl', e ->> 'title', e ->> 'body',
                   e ->> 'summary', ARRAY(SELECT jsonb_array_elements_text(e -> 'authors')),
                   e -> 'language' ->> 'code', (e -> 'language' ->> 'confidence')::double precision,
                   (e ->> 'publishedAt')::timestamptz, (e ->> 'fetchedAt')::timestamptz,
                   e -> 'source' ->> 'type', e -> 'source' ->> 'name', e -> 'source' ->> 'feedUrl', s.id,
                   e ->> 'contentHash', e -> 'enrichment' ->> 'version', (e -> 'enrichment' ->> 'tookMs')::bigint,
                   (e -> 'enrichment' ->> 'truncated')::boolean, (e -> 'enrichment' ->> 'enrichedAt')::timestamptz, e
            FROM jsonb_array_elements(?) e
            LEFT JOIN sources s ON s.type = e -> 'source' ->> 'type' AND s.name = e -> 'source' ->> 'name'
                          AND coalesce(s.feed_url, '') = coalesce(e -> 'source' ->> 'feedUrl', '')
            ORDER BY 1
            ON CONFLICT (id) DO UPDATE SET
                url = excluded.url,
                canonical_url = excluded.canonical_url,
                title = excluded.title,
                body = excluded.body,
                summary = excluded.summary,
                authors = excluded.authors,
                language_code = excluded.language_code,
                language_confidence = excluded.language_confidence,
                published_at = excluded.published_at,
                fetched_at = excluded.fetched_at,
                source_type = excluded.source_type,
                source_name = excluded.source_name,
                feed_url = excluded.feed_url,
                source_id = excluded.source_id,
                content_hash = excluded.content_hash,
                enrichment_version = excluded.enrichment_version,
                enrichment_took_ms = excluded.enrichment_took_ms,
                enrichment_truncated = excluded.enrichment_truncated,
                enriched_at = excluded.enriched_at,
                event = excluded.event,
                updated_at = now()
            WHERE articles.enriched_at < excluded.enriched_at
               OR (articles.enriched_at = excluded.enriched_at AND articles.event <> excluded.event)
            RETURNING id
            """;

    private static final String DELETE_ENTITY_LINKS = "DELETE FROM article_entities WHERE article_id = ANY (?)";
    private static final String DELETE_TOPIC_LINKS = "DELETE FROM article_topics WHERE article_id = ANY (?)";

    private static final String ENTITY_LINKS = """
            jsonb_to_recordset(?) AS x(article uuid, type text, name text, ref text, mentions integer,
                                              surface_forms text[], first_offset integer)
            """;

    private static final String UPSERT_ENTITIES = """
            INSERT INTO entities (type, name, ref)
            SELECT x.type, x.name, x.ref
            FROM jsonb_to_recordset(?) AS x(type text, name text, ref text)
            ORDER BY x.type, coalesce(x.ref, x.name)
            ON CONFLICT (type, key) DO NOTHING
            """;

    private static final String INSERT_ENTITY_LINKS = """
            INSERT INTO article_entities (article_id, entity_id, name, mentions, surface_forms, first_offset)
            SELECT x.article, e.id, x.name, x.mentions, x.surface_forms, x.first_offset
            FROM %s
            JOIN entities e ON e.type = x.type AND e.key = coalesce(x.ref, x.name)
            ORDER BY 1, 2
            """.formatted(ENTITY_LINKS);

    private static final String TOPIC_LINKS = "jsonb_to_recordset(?) AS x(article uuid, code text, label text, "
            + "score double precision)";

    private static final String UPSERT_TOPICS = """
            INSERT INTO topics (code, label)
            SELECT DISTINCT ON (x.code) x.code, x.label
            FROM %s
            ORDER BY x.code, x.label
            ON CONFLICT (code) DO NOTHING
            """.formatted(TOPIC_LINKS);

    private static final String INSERT_TOPIC_LINKS = """
            INSERT INTO article_topics (article_id, topic_code, score)
            SELECT x.article, x.code, max(x.score)
            FROM %s
            GROUP BY 1, 2
            ORDER BY 1, 2
            """.formatted(TOPIC_LINKS);

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    ArticleWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the batch in the caller's transaction, or in one of its own: every article unless its row already holds
     * the same or a newer enrichment, and for each article written, its entities and topics in place of the old ones.
     * Of several events of one article in the batch, the newest enrichment counts (the later one on a tie, as if
     * they had come one at a time).
     *
     * @return the ids of the articles inserted or replaced
     */
    @Transactional
    public Set<UUID> store(List<ReceivedArticle> batch) {
        Map<UUID, ReceivedArticle> newest = newestOfEach(batch);
        if (newest.isEmpty()) {
            return Set.of();
        }
        int length = newest.values().stream().mapToInt(a -> a.json().length() + 1).sum() + 2;
        StringBuilder events = new StringBuilder(length).append('[');
        for (ReceivedArticle article : newest.values()) {
            if (events.length() > 1) {
                events.append(',');
            }
            events.append(article.json());
        }
        String eventArray = events.append(']').toString();
        try (Connection connection = dataSource.getConnection()) {
            update(connection, UPSERT_SOURCES, sources(newest.values()));
            Set<UUID> written = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_ARTICLES)) {
                statement.setObject(1, jsonb(eventArray));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        written.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            if (written.isEmpty()) {
                return written;
            }
            List<EnrichedArticle> replaced = newest.entrySet().stream()
                    .filter(e -> written.contains(e.getKey()))
                    .map(e -> e.getValue().article())
                    .toList();
            UUID[] ids = written.toArray(UUID[]::new);
            try (PreparedStatement entities = connection.prepareStatement(DELETE_ENTITY_LINKS);
                    PreparedStatement topics = connection.prepareStatement(DELETE_TOPIC_LINKS)) {
                entities.setArray(1, connection.createArrayOf("uuid", ids));
                entities.executeUpdate();
                topics.setArray(1, connection.createArrayOf("uuid", ids));
                topics.executeUpdate();
            }
            update(connection, UPSERT_ENTITIES, entities(replaced));
            update(connection, INSERT_ENTITY_LINKS, entityLinks(replaced));
            String topicLinks = topicLinks(replaced);
            update(connection, UPSERT_TOPICS, topicLinks);
            update(connection, INSERT_TOPIC_LINKS, topicLinks);
            return written;
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not store a batch of " + newest.size() + " articles", e);
        }
    }

    private static Map<UUID, ReceivedArticle> newestOfEach(List<ReceivedArticle> batch) {
        Map<UUID, ReceivedArticle> newest = new LinkedHashMap<>();
        for (ReceivedArticle article : batch) {
            newest.merge(UUID.fromString(article.id()), article, (kept, later) -> later.article().enrichment()
                    .enrichedAt().isBefore(kept.article().enrichment().enrichedAt()) ? kept : later);
        }
        return newest;
    }

    /** The batch's sources, each once. */
    private String sources(Collection<ReceivedArticle> articles) {
        Map<List<String>, Source> distinct = new LinkedHashMap<>();
        for (ReceivedArticle received : articles) {
            Source source = received.article().source();
            distinct.putIfAbsent(Arrays.asList(source.type().name(), source.name(), source.feedUrl()), source);
        }
        ArrayNode rows = json.createArrayNode();
        for (Source source : distinct.values()) {
            rows.addObject()
                    .put("type", EventCodec.mapper().convertValue(source.type(), String.class))
                    .put("name", source.name())
                    .put("feed_url", source.feedUrl());
        }
        return rows.toString();
    }

    /** The batch's entities, each (type, key) once, named as first seen. */
    private String entities(List<EnrichedArticle> articles) {
        Map<String, Entity> distinct = new LinkedHashMap<>();
        for (EnrichedArticle article : articles) {
            for (Entity entity : article.entities()) {
                distinct.putIfAbsent(identity(entity), entity);
            }
        }
        ArrayNode rows = json.createArrayNode();
        for (Entity entity : distinct.values()) {
            rows.addObject()
                    .put("type", entity.type().name())
                    .put("name", entity.name())
                    .put("ref", entity.ref());
        }
        return rows.toString();
    }

    /** What makes two entities one: the type, and the reference when there is one, else the name. */
    private static String identity(Entity entity) {
        return entity.type() + "\u0000" + (entity.ref() != null ? entity.ref() : entity.name());
    }

    /**
     * One row per (article, entity): an enrichment may list one entity twice (two names with the same reference),
     * which the table holds as one link with the mentions added up and every surface form once.
     */
    private String entityLinks(List<EnrichedArticle> articles) {
        ArrayNode rows = json.createArrayNode();
        for (EnrichedArticle article : articles) {
            Map<String, ObjectNode> links = new LinkedHashMap<>();
            Map<String, Set<String>> forms = new LinkedHashMap<>();
            for (Entity entity : article.entities()) {
                String key = identity(entity);
                ObjectNode link = links.get(key);
                if (link == null) {
                    link = rows.addObject()
                            .put("article", article.id())
                            .put("type", entity.type().name())
                            .put("name", entity.name())
                            .put("ref", entity.ref())
                            .put("mentions", entity.mentions())
                            .put("first_offset", entity.firstOffset());
                    links.put(key, link);
                    forms.put(key, new LinkedHashSet<>());
                } else {
                    link.put("mentions", link.get("mentions").asInt() + entity.mentions());
                    link.put("first_offset", Math.min(link.get("first_offset").asInt(), entity.firstOffset()));
                }
                forms.get(key).addAll(entity.surfaceForms());
            }
            for (Map.Entry<String, ObjectNode> link : links.entrySet()) {
                ArrayNode surfaceForms = link.getValue().putArray("surface_forms");
                forms.get(link.getKey()).forEach(surfaceForms::add);
            }
        }
        return rows.toString();
    }

    private String topicLinks(List<EnrichedArticle> articles) {
        ArrayNode rows = json.createArrayNode();
        for (EnrichedArticle article : articles) {
            for (Topic topic : article.topics()) {
                rows.addObject()
                        .put("article", article.id())
                        .put("code", topic.code())
                        .put("label", topic.label())
                        .put("score", topic.score());
            }
        }
        return rows.toString();
    }

    private static void update(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, jsonb(parameter));
            statement.executeUpdate();
        }
    }

    /**
     * A parameter typed jsonb, parsed once when bound. Sent as text and cast in SQL instead, it would be a constant
     * that the planner parses again while planning, which doubles the cost of a large batch.
     */
    private static PGobject jsonb(String json) throws SQLException {
        PGobject value = new PGobject();
        value.setType("jsonb");
        value.setValue(json);
        return value;
    }
}
