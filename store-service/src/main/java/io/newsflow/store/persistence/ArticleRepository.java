package io.newsflow.store.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;

/**
 * The {@code articles} table, through plain JDBC on the Agroal pool. The work is one upsert and two keyed reads whose
 * SQL (ON CONFLICT … WHERE, jsonb, text[], row-value keyset) is PostgreSQL's own: written out, it is shorter and
 * easier to check than the same thing coaxed out of an ORM, and nothing needs an entity life cycle.
 */
@ApplicationScoped
public class ArticleRepository {

    /**
     * Idempotent and newest-enrichment-wins. An identical redelivery matches neither branch of the WHERE, so the row
     * (updated_at included) is not even rewritten; an older enrichment never replaces a newer one. stored_at is not
     * in the SET list: it keeps the time of the first store.
     */
    private static final String UPSERT = """
            INSERT INTO articles (id, url, canonical_url, title, body, summary, authors, language_code,
                                  language_confidence, published_at, fetched_at, source_type, source_name, feed_url,
                                  content_hash, enrichment_version, enriched_at, event)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
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
                content_hash = excluded.content_hash,
                enrichment_version = excluded.enrichment_version,
                enriched_at = excluded.enriched_at,
                event = excluded.event,
                updated_at = now()
            WHERE articles.enriched_at < excluded.enriched_at
               OR (articles.enriched_at = excluded.enriched_at AND articles.event <> excluded.event)
            """;

    private static final String FIND_BY_ID = "SELECT event FROM articles WHERE id = ?";

    private static final String FIRST_PAGE = """
            SELECT event, stored_at, id FROM articles
            ORDER BY stored_at DESC, id DESC
            LIMIT ?
            """;

    private static final String NEXT_PAGE = """
            SELECT event, stored_at, id FROM articles
            WHERE (stored_at, id) < (?, ?)
            ORDER BY stored_at DESC, id DESC
            LIMIT ?
            """;

    private final DataSource dataSource;

    ArticleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code article} unless the row already holds the same or a newer enrichment.
     *
     * @param eventJson the event as received, kept in the {@code event} column
     * @return true when a row was inserted or replaced, false when the stored row was left as it was
     */
    @Transactional
    public boolean upsert(EnrichedArticle article, String eventJson) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            int i = 0;
            statement.setObject(++i, UUID.fromString(article.id()));
            statement.setString(++i, article.url());
            statement.setString(++i, article.canonicalUrl());
            statement.setString(++i, article.title());
            statement.setString(++i, article.body());
            statement.setString(++i, article.summary());
            statement.setArray(++i, connection.createArrayOf("text", article.authors().toArray()));
            statement.setString(++i, article.language().code());
            statement.setDouble(++i, article.language().confidence());
            setInstant(statement, ++i, article.publishedAt());
            setInstant(statement, ++i, article.fetchedAt());
            statement.setString(++i, EventCodec.mapper().convertValue(article.source().type(), String.class));
            statement.setString(++i, article.source().name());
            statement.setString(++i, article.source().feedUrl());
            statement.setString(++i, article.contentHash());
            statement.setString(++i, article.enrichment().version());
            setInstant(statement, ++i, article.enrichment().enrichedAt());
            statement.setString(++i, eventJson);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not store article " + article.id(), e);
        }
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
     * Up to {@code limit} articles, newest first (by first store), starting after {@code after} when present.
     * {@link ArticlePage#next()} is where the following page starts, empty on the last page.
     */
    public ArticlePage findPage(int limit, Optional<PagePosition> after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(after.isPresent() ? NEXT_PAGE : FIRST_PAGE)) {
            int i = 0;
            if (after.isPresent()) {
                setInstant(statement, ++i, after.get().storedAt());
                statement.setObject(++i, after.get().id());
            }
            // One row more than asked tells whether another page follows without a second query.
            statement.setInt(++i, limit + 1);
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
                    last = new PagePosition(rows.getObject("stored_at", OffsetDateTime.class).toInstant(),
                            rows.getObject("id", UUID.class));
                }
            }
            return new ArticlePage(items, more ? Optional.of(last) : Optional.empty());
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not list articles", e);
        }
    }

    private static EnrichedArticle readEvent(ResultSet rows) throws SQLException {
        try {
            return EventCodec.mapper().readValue(rows.getString("event"), EnrichedArticle.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event cannot be read back as an EnrichedArticle", e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }
}
