package io.newsflow.store.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PGobject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Entity;
import io.newsflow.events.Geo;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Source;
import io.newsflow.events.Topic;

/**
 * Writes batches of articles with their sources, entities and topics: a fixed number of statements per batch
 * whatever its size. Sources and articles are multi-row upserts fed by one JSON parameter that PostgreSQL unpacks
 * ({@code jsonb_array_elements}, {@code jsonb_to_recordset}): the events are stored as {@code jsonb}, so they are
 * parsed once either way. The links to entities and topics, twelve rows an article, arrive by COPY into staging
 * tables of the session and go on from there by INSERT ... SELECT, which costs the server less than unpacking the
 * same rows from JSON. No value is ever part of the SQL text.
 * <p>
 * Rows are inserted in key order so that transactions writing overlapping batches at once (the consumer's channel
 * copies, replicas) lock shared rows (sources, articles, entities, topics) in the same order and cannot deadlock.
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
     * Idempotent, and the newest version of the content wins: ordered by the content's own version, when it was
     * fetched, and for one fetch by when it was enriched. A replay of an older fetch (a redriven or re-enriched old
     * record) therefore never replaces a newer text, however late it was enriched, while a re-enrichment of the stored
     * fetch replaces it. An identical redelivery matches neither branch of the WHERE, so the row (updated_at
     * included) is not even rewritten. stored_at is not
     * in the SET list: it keeps the time of the first store. RETURNING names the rows inserted or replaced, the only
     * ones whose entities and topics change, and tells them apart: a replaced row's updated_at is this transaction's
     * now(), later than its stored_at, since one batch holds at most one event per article. The join to sources is an
     * outer one so that an article whose source row is missing fails loudly (source_id NOT NULL) instead of vanishing
     * from the batch.
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
            WHERE (articles.fetched_at, articles.enriched_at) < (excluded.fetched_at, excluded.enriched_at)
               OR (articles.fetched_at = excluded.fetched_at AND articles.enriched_at = excluded.enriched_at
                   AND articles.event <> excluded.event)
            RETURNING id, stored_at = updated_at AS inserted
            """;

    private static final String DELETE_ENTITY_LINKS = "DELETE FROM article_entities WHERE article_id = ANY (?)";
    private static final String DELETE_TOPIC_LINKS = "DELETE FROM article_topics WHERE article_id = ANY (?)";

    /**
     * The links of a batch travel by COPY into these tables, private to the session and emptied at every commit
     * (or rollback), and go on from there by INSERT ... SELECT. Created in the batch's own transaction when the
     * session does not have them yet, so that a rolled-back batch cannot leave a session believed to have them.
     * {@code position} keeps the order of the batch: an entity is named as first seen in it.
     */
    private static final String CREATE_STAGING = """
            CREATE TEMPORARY TABLE IF NOT EXISTS newsflow_staged_entity_links (
                position integer, article uuid, type text, name text, ref text, mentions integer,
                surface_forms text[], first_offset integer, lat double precision, lon double precision,
                country_code text, feature_class text, feature_code text, population bigint) ON COMMIT DELETE ROWS;
            CREATE TEMPORARY TABLE IF NOT EXISTS newsflow_staged_topic_links (
                article uuid, code text, label text, score double precision) ON COMMIT DELETE ROWS
            """;
    private static final String COPY_ENTITY_LINKS = "COPY newsflow_staged_entity_links FROM STDIN";
    private static final String COPY_TOPIC_LINKS = "COPY newsflow_staged_topic_links FROM STDIN";

    /**
     * Most entities of a batch are known already: looking them up first spares them the speculative insertion that
     * ON CONFLICT goes through for every row it is given, which still settles an entity two writers add at once.
     */
    private static final String UPSERT_ENTITIES = """
            INSERT INTO entities (type, name, ref)
            SELECT DISTINCT ON (x.type, coalesce(x.ref, x.name)) x.type, x.name, x.ref
            FROM newsflow_staged_entity_links x
            WHERE NOT EXISTS (SELECT FROM entities e WHERE e.type = x.type AND e.key = coalesce(x.ref, x.name))
            ORDER BY x.type, coalesce(x.ref, x.name), x.position
            ON CONFLICT (type, key) DO NOTHING
            """;

    /**
     * Where a place is comes from the place index of the enrichment; the first point stored for a ref stays (the
     * index changes only with a new GeoNames release, and rows written once are then never locked again).
     */
    private static final String UPSERT_PLACES = """
            INSERT INTO places (ref, lat, lon, country_code, feature_class, feature_code, population)
            SELECT DISTINCT ON (x.ref) x.ref, x.lat, x.lon, x.country_code, x.feature_class, x.feature_code, x.population
            FROM newsflow_staged_entity_links x
            WHERE x.lat IS NOT NULL AND NOT EXISTS (SELECT FROM places p WHERE p.ref = x.ref)
            ORDER BY x.ref, x.position
            ON CONFLICT (ref) DO NOTHING
            """;

    private static final String INSERT_ENTITY_LINKS = """
            INSERT INTO article_entities (article_id, entity_id, name, mentions, surface_forms, first_offset)
            SELECT x.article, e.id, x.name, x.mentions, x.surface_forms, x.first_offset
            FROM newsflow_staged_entity_links x
            JOIN entities e ON e.type = x.type AND e.key = coalesce(x.ref, x.name)
            ORDER BY 1, 2
            """;

    private static final String UPSERT_TOPICS = """
            INSERT INTO topics (code, label)
            SELECT DISTINCT ON (x.code) x.code, x.label
            FROM newsflow_staged_topic_links x
            WHERE NOT EXISTS (SELECT FROM topics t WHERE t.code = x.code)
            ORDER BY x.code, x.label
            ON CONFLICT (code) DO NOTHING
            """;

    private static final String INSERT_TOPIC_LINKS = """
            INSERT INTO article_topics (article_id, topic_code, score)
            SELECT x.article, x.code, max(x.score)
            FROM newsflow_staged_topic_links x
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;

    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource dataSource;

    ArticleWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the batch in the caller's transaction, or in one of its own: every article unless its row already holds
     * the same or a newer version (fetched later, or the same fetch enriched as late or later), and for each article
     * written, its entities and topics in place of the old ones. Of several events of one article in the batch, the
     * newest version counts (the later one on a tie, as if they had come one at a time).
     *
     * @return which articles were inserted, which replaced, how many changed nothing
     */
    @Transactional
    public StoredBatch store(List<ReceivedArticle> batch) {
        Map<UUID, ReceivedArticle> newest = newestOfEach(batch);
        if (newest.isEmpty()) {
            return StoredBatch.nothing(batch.size());
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
            Set<UUID> inserted = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_ARTICLES)) {
                statement.setObject(1, jsonb(eventArray));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        written.add(id);
                        if (rows.getBoolean(2)) {
                            inserted.add(id);
                        }
                    }
                }
            }
            int unchanged = batch.size() - written.size();
            if (written.isEmpty()) {
                return StoredBatch.nothing(unchanged);
            }
            List<EnrichedArticle> replaced = newest.entrySet().stream()
                    .filter(e -> written.contains(e.getKey()))
                    .map(e -> e.getValue().article())
                    .toList();
            Set<UUID> updated = new HashSet<>(written);
            updated.removeAll(inserted);
            // An article stored for the first time has no links yet: only replaced ones lose their old links.
            if (!updated.isEmpty()) {
                UUID[] ids = updated.toArray(UUID[]::new);
                try (PreparedStatement entities = connection.prepareStatement(DELETE_ENTITY_LINKS);
                        PreparedStatement topics = connection.prepareStatement(DELETE_TOPIC_LINKS)) {
                    entities.setArray(1, connection.createArrayOf("uuid", ids));
                    entities.executeUpdate();
                    topics.setArray(1, connection.createArrayOf("uuid", ids));
                    topics.executeUpdate();
                }
            }
            CopyRows entityLinks = entityLinks(replaced);
            CopyRows topicLinks = topicLinks(replaced);
            if (entityLinks.rows() + topicLinks.rows() > 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(CREATE_STAGING);
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            if (entityLinks.rows() > 0) {
                copy(copy, COPY_ENTITY_LINKS, entityLinks);
                execute(connection, UPSERT_ENTITIES);
                execute(connection, UPSERT_PLACES);
                execute(connection, INSERT_ENTITY_LINKS);
            }
            if (topicLinks.rows() > 0) {
                copy(copy, COPY_TOPIC_LINKS, topicLinks);
                execute(connection, UPSERT_TOPICS);
                execute(connection, INSERT_TOPIC_LINKS);
            }
            List<Instant> firstFetchedAt = inserted.stream()
                    .map(id -> newest.get(id).article().fetchedAt())
                    .toList();
            return new StoredBatch(inserted, updated, unchanged, firstFetchedAt);
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not store a batch of " + newest.size() + " articles", e);
        }
    }

    private static Map<UUID, ReceivedArticle> newestOfEach(List<ReceivedArticle> batch) {
        Map<UUID, ReceivedArticle> newest = new LinkedHashMap<>();
        for (ReceivedArticle article : batch) {
            newest.merge(UUID.fromString(article.id()), article,
                    (kept, later) -> CONTENT_VERSION.compare(later, kept) < 0 ? kept : later);
        }
        return newest;
    }

    /** The order of an article's versions, as the upsert's WHERE has it: fetched, then enriched. */
    private static final Comparator<ReceivedArticle> CONTENT_VERSION = Comparator
            .comparing((ReceivedArticle a) -> a.article().fetchedAt())
            .thenComparing(a -> a.article().enrichment().enrichedAt());

    /** The batch's sources, each once. */
    private static String sources(Collection<ReceivedArticle> articles) {
        Map<List<String>, Source> distinct = new LinkedHashMap<>();
        for (ReceivedArticle received : articles) {
            Source source = received.article().source();
            distinct.putIfAbsent(Arrays.asList(source.type().name(), source.name(), source.feedUrl()), source);
        }
        return rows(json -> {
            for (Source source : distinct.values()) {
                json.writeStartObject();
                json.writeStringField("type", EventCodec.mapper().convertValue(source.type(), String.class));
                json.writeStringField("name", source.name());
                json.writeStringField("feed_url", source.feedUrl());
                json.writeEndObject();
            }
        });
    }

    /** What makes two entities one: the type, and the reference when there is one, else the name. */
    private static String identity(Entity entity) {
        return entity.type() + "\u0000" + (entity.ref() != null ? entity.ref() : entity.name());
    }

    /** One entity of one article: what the enrichment listed under one identity, merged. */
    private static final class Link {
        private final Entity first;
        private int mentions;
        private int firstOffset;
        private final Set<String> surfaceForms = new LinkedHashSet<>();

        Link(Entity entity) {
            first = entity;
            mentions = 0;
            firstOffset = entity.firstOffset();
        }

        void add(Entity entity) {
            mentions += entity.mentions();
            firstOffset = Math.min(firstOffset, entity.firstOffset());
            surfaceForms.addAll(entity.surfaceForms());
        }
    }

    /**
     * One row per (article, entity): an enrichment may list one entity twice (two names with the same reference),
     * which the table holds as one link with the mentions added up and every surface form once.
     */
    private static CopyRows entityLinks(List<EnrichedArticle> articles) {
        CopyRows rows = new CopyRows();
        for (EnrichedArticle article : articles) {
            Map<String, Link> links = new LinkedHashMap<>();
            for (Entity entity : article.entities()) {
                links.computeIfAbsent(identity(entity), key -> new Link(entity)).add(entity);
            }
            for (Link link : links.values()) {
                rows.number(rows.rows()).text(article.id()).text(link.first.type().name()).text(link.first.name())
                        .text(link.first.ref()).number(link.mentions).textArray(link.surfaceForms)
                        .number(link.firstOffset);
                Geo geo = link.first.ref() != null ? link.first.geo() : null;
                if (geo != null) {
                    rows.number(geo.lat()).number(geo.lon()).text(geo.countryCode()).text(geo.featureClass())
                            .text(geo.featureCode())
                            .text(geo.population() != null ? Long.toString(geo.population()) : null);
                } else {
                    rows.text(null).text(null).text(null).text(null).text(null).text(null);
                }
                rows.endRow();
            }
        }
        return rows;
    }

    private static CopyRows topicLinks(List<EnrichedArticle> articles) {
        CopyRows rows = new CopyRows();
        for (EnrichedArticle article : articles) {
            for (Topic topic : article.topics()) {
                rows.text(article.id()).text(topic.code()).text(topic.label()).number(topic.score()).endRow();
            }
        }
        return rows;
    }

    private static void copy(CopyManager copy, String sql, CopyRows rows) throws SQLException {
        try {
            copy.copyIn(sql, new ByteArrayInputStream(rows.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading from memory cannot fail", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * A JSON array of the rows {@code writer} writes, streamed rather than built as a tree first.
     */
    private static String rows(RowWriter writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            writer.write(json);
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string cannot fail", e);
        }
        return text.toString();
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
