package io.newsflow.store;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/** The {@code articles} table and its links as a test sees them, read straight from PostgreSQL. */
public final class StoredRows {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;

    public StoredRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The columns a test checks; the timestamps are PostgreSQL's own. */
    public record Row(String enrichmentVersion, String title, OffsetDateTime storedAt, OffsetDateTime updatedAt) {
    }

    public long count(String id) {
        return queryLong("SELECT count(*) FROM articles WHERE id = ?", id);
    }

    /** The stored {@code event} column as JSON text. */
    public String event(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT event::text FROM articles WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The article's entity links as {@code TYPE key mentions [surface forms]}, sorted. */
    public List<String> entityLinks(String id) {
        return strings("""
                SELECT e.type || ' ' || e.key || ' ' || ae.mentions || ' ' || ae.surface_forms::text
                FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                WHERE ae.article_id = ? ORDER BY 1
                """, id);
    }

    /** The text of one entity link as stored: the entity's name and reference, and the link's name and forms. */
    public record LinkText(String entityName, String entityRef, String name, List<String> surfaceForms) {
    }

    /** The article's entity links, their text columns as stored, by entity key. */
    public List<LinkText> entityLinkTexts(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT e.name, e.ref, ae.name, ae.surface_forms
                FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                WHERE ae.article_id = ? ORDER BY e.key
                """)) {
            s.setObject(1, UUID.fromString(id));
            List<LinkText> links = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.add(new LinkText(rs.getString(1), rs.getString(2), rs.getString(3),
                            List.of((String[]) rs.getArray(4).getArray())));
                }
            }
            return links;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The label topic {@code code} is stored with. */
    public String topicLabel(String code) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT label FROM topics WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The article's topic links as {@code code score}, sorted. */
    public List<String> topicLinks(String id) {
        return strings("SELECT topic_code || ' ' || score FROM article_topics WHERE article_id = ? ORDER BY 1", id);
    }

    /** How many entities rows have this type and key (ref, else name). */
    public long countEntities(String type, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM entities WHERE type = ? AND key = ?")) {
            s.setString(1, type);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored point of a place, as "lat lon countryCode featureClass featureCode population", or null. */
    public String place(String ref) {
        List<String> found = strings("""
                SELECT lat || ' ' || lon || ' ' || country_code || ' ' || feature_class || ' ' || feature_code || ' '
                       || coalesce(population::text, '-')
                FROM places WHERE ref = ?
                """, (Object) ref);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The rows of places_per_day for a place, as "entityName articles lat lon". */
    public List<String> placesPerDay(String ref) {
        return strings("SELECT entity_name || ' ' || articles || ' ' || lat || ' ' || lon FROM places_per_day "
                + "WHERE ref = ? ORDER BY day", (Object) ref);
    }

    /** How many articles link to the entity with this type and key. */
    public long countLinkedArticles(String type, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                WHERE e.type = ? AND e.key = ?
                """)) {
            s.setString(1, type);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of these articles are stored. */
    public long countStored(List<String> ids) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM articles WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long countAll() {
        return queryLong("SELECT count(*) FROM articles", null);
    }

    public Optional<Row> find(String id) {
        String sql = "SELECT enrichment_version, title, stored_at, updated_at FROM articles WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until store-service has stored article {@code id}, and returns its row. */
    public Row awaitStored(String id) {
        return await().atMost(TIMEOUT).until(() -> find(id), Optional::isPresent).orElseThrow();
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String sql, String id) {
        return strings(sql, (Object) UUID.fromString(id));
    }

    private List<String> strings(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long queryLong(String sql, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setObject(1, UUID.fromString(id));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
