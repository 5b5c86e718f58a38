package io.newsflow.store;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/** The {@code articles} table as a test sees it, read straight from PostgreSQL. */
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
