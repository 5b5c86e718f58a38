package io.newsflow.store.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;

/**
 * Reads of the {@code articles} table, through plain JDBC on the query API's own Agroal pool, {@value #READER}: it
 * logs in as the read-only role {@code newsflow_reader}, never as the schema owner, and its connections are not the
 * writers', so readers cannot starve the consumer of connections: the SQL (full text, recursive topics,
 * row-value keyset) is PostgreSQL's own, and written out it is shorter and easier to check than the same thing coaxed
 * out of an ORM. {@link ArticleWriter} writes the table.
 */
@ApplicationScoped
public class ArticleRepository {

    /** The named datasource of the query API (quarkus.datasource.reader.* in application.properties). */
    public static final String READER = "reader";

    private static final String FIND_BY_ID = "SELECT event FROM articles WHERE id = ?";

    /**
     * Each filter is a clause with bind parameters, added only when the filter is given. Entity and topic filters
     * are semi-joins (EXISTS), so an article naming an entity twice is still listed once. Full text: the any-language
     * query finds candidates through the GIN index, the query in the article's own language keeps the true matches.
     */
    private static final String LANGUAGE = " AND a.language_code = ?";
    private static final String SOURCE = " AND a.source_id IN (SELECT s.id FROM sources s WHERE s.name = ?)";
    private static final String SINCE = " AND a.stored_at >= ?";
    private static final String UNTIL = " AND a.stored_at < ?";
    private static final String ENTITY = """
             AND EXISTS (SELECT 1 FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                         WHERE ae.article_id = a.id AND (e.ref = ? OR e.name = ? OR ae.name = ?)%s)""";
    private static final String ENTITY_OF_TYPE = " AND e.type = ?";
    private static final String ANY_ENTITY_OF_TYPE = """
             AND EXISTS (SELECT 1 FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                         WHERE ae.article_id = a.id AND e.type = ?)""";
    private static final String TOPIC = """
             AND EXISTS (WITH RECURSIVE narrower AS (
                             SELECT code FROM topics WHERE code = ?
                             UNION SELECT t.code FROM topics t JOIN narrower n ON t.parent_code = n.code)
                         SELECT 1 FROM article_topics at2 WHERE at2.article_id = a.id
                           AND at2.topic_code IN (SELECT code FROM narrower))""";
    private static final String TEXT = """
             AND a.search @@ newsflow_any_language_query(?)
             AND a.search @@ websearch_to_tsquery(newsflow_text_search_config(a.language_code), ?)""";
    private static final String BEFORE_POSITION = " AND (a.stored_seq, a.id) < (?, ?)";
    private static final String FROM_POSITION = " AND a.stored_seq >= ?";
    /**
     * The visibility horizon: the oldest transaction id still running. Every article stored below it is committed
     * (or never will be), and every transaction from now on stores above it (V9). Read before the listing's own
     * snapshot is taken, so all of those are in it.
     */
    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    private final DataSource dataSource;

    ArticleRepository(@io.quarkus.agroal.DataSource(READER) DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<EnrichedArticle> findById(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_BY_ID)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(readEvent(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not read article " + id, e);
        }
    }

    /**
     * Up to {@code limit} articles matching {@code filter}, newest first (by the position of their first store),
     * starting after {@code after} when present, and stored at or above position {@code from} when given: only those
     * below the listing's visibility horizon, so that an article that becomes visible later is always above it.
     * {@link ArticlePage#next()} is where the following page starts, empty on the last page.
     */
    public ArticlePage findPage(ArticleFilter filter, int limit, Optional<PagePosition> after, OptionalLong from) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        StringBuilder sql = new StringBuilder(
                "SELECT a.event, a.stored_seq, a.id FROM articles a WHERE a.stored_seq < ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(null); // the horizon, read first on the listing's connection
        if (filter.language() != null) {
            sql.append('\n').append(LANGUAGE);
            parameters.add(filter.language());
        }
        if (filter.source() != null) {
            sql.append('\n').append(SOURCE);
            parameters.add(filter.source());
        }
        if (filter.since() != null) {
            sql.append('\n').append(SINCE);
            parameters.add(filter.since().atOffset(ZoneOffset.UTC));
        }
        if (filter.until() != null) {
            sql.append('\n').append(UNTIL);
            parameters.add(filter.until().atOffset(ZoneOffset.UTC));
        }
        if (filter.entity() != null) {
            sql.append('\n').append(ENTITY.formatted(filter.entityType() != null ? ENTITY_OF_TYPE : ""));
            parameters.addAll(List.of(filter.entity(), filter.entity(), filter.entity()));
            if (filter.entityType() != null) {
                parameters.add(filter.entityType());
            }
        } else if (filter.entityType() != null) {
            sql.append('\n').append(ANY_ENTITY_OF_TYPE);
            parameters.add(filter.entityType());
        }
        if (filter.topic() != null) {
            sql.append('\n').append(TOPIC);
            parameters.add(filter.topic());
        }
        if (filter.text() != null) {
            sql.append('\n').append(TEXT);
            parameters.add(filter.text());
            parameters.add(filter.text());
        }
        if (from.isPresent()) {
            sql.append('\n').append(FROM_POSITION);
            parameters.add(from.getAsLong());
        }
        if (after.isPresent()) {
            sql.append('\n').append(BEFORE_POSITION);
            parameters.add(after.get().storedSeq());
            parameters.add(after.get().id());
        }
        // One row more than asked tells whether another page follows without a second query.
        sql.append("\nORDER BY a.stored_seq DESC, a.id DESC LIMIT ?");
        parameters.add(limit + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            long horizon = after.isPresent() ? after.get().horizon() : horizon(connection);
            parameters.set(0, horizon);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<EnrichedArticle> items = new ArrayList<>(Math.min(limit, 64));
            PagePosition last = null;
            boolean more = false;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    items.add(readEvent(rows));
                    last = new PagePosition(rows.getLong("stored_seq"), rows.getObject("id", UUID.class), horizon);
                }
            }
            return new ArticlePage(items, more ? Optional.of(last) : Optional.empty(), horizon);
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not list articles", e);
        }
    }

    private static long horizon(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HORIZON);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static EnrichedArticle readEvent(ResultSet rows) throws SQLException {
        try {
            return EventCodec.mapper().readValue(rows.getString("event"), EnrichedArticle.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event cannot be read back as an EnrichedArticle", e);
        }
    }
}
