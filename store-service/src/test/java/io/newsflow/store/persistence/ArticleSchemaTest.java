package io.newsflow.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import io.newsflow.devstack.test.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The schema Flyway creates at start, as dashboards and other readers of the database see it. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka,postgres"))
class ArticleSchemaTest {

    private static final String INSERT = """
            INSERT INTO articles (id, title, body, language_code, language_confidence, fetched_at, source_type,
                                  source_name, content_hash, enrichment_version, enriched_at, event)
            VALUES (?, 'Title', 'Body', 'en', ?, now(), ?, 'A source', ?, '1.0.0', now(), ?::jsonb)
            """;
    private static final String HASH = "sha256:" + "ab".repeat(32);

    @Inject
    DataSource dataSource;

    @Test
    void theTableAndEveryColumnAreDescribed() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT obj_description('articles'::regclass, 'pg_class')")) {
                rs.next();
                assertThat(rs.getString(1)).isNotBlank();
            }
            List<String> undocumented = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT attname FROM pg_attribute
                    WHERE attrelid = 'articles'::regclass AND attnum > 0 AND NOT attisdropped
                      AND col_description(attrelid, attnum) IS NULL
                    """)) {
                while (rs.next()) {
                    undocumented.add(rs.getString(1));
                }
            }
            assertThat(undocumented).isEmpty();
        }
    }

    @Test
    void theTableRefusesWhatTheContractForbids() throws SQLException {
        UUID id = UUID.randomUUID();
        String event = "{\"id\": \"" + id + "\"}";

        assertThat(refusingConstraint(id, 1.5, "http", HASH, event))
                .isEqualTo("articles_language_confidence_range");
        assertThat(refusingConstraint(id, 0.5, "email", HASH, event)).isEqualTo("articles_source_type_known");
        assertThat(refusingConstraint(id, 0.5, "http", "md5:1234", event)).isEqualTo("articles_content_hash_format");
        assertThat(refusingConstraint(id, 0.5, "http", HASH, "{\"id\": \"" + UUID.randomUUID() + "\"}"))
                .isEqualTo("articles_event_of_this_article");
    }

    @Test
    void theNewestFirstListingIsServedByItsIndex() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // The table is small in tests, where scanning it all is cheaper: rule that out to see whether the index
            // can answer the keyset query in order, as it does once the table is large.
            s.execute("SET enable_seqscan = off");
            s.execute("SET enable_bitmapscan = off");
            try (ResultSet rs = s.executeQuery("""
                    EXPLAIN SELECT event, stored_at, id FROM articles
                    WHERE (stored_at, id) < (now(), '00000000-0000-0000-0000-000000000000'::uuid)
                    ORDER BY stored_at DESC, id DESC LIMIT 21
                    """)) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            } finally {
                s.execute("RESET enable_seqscan");
                s.execute("RESET enable_bitmapscan");
            }
        }
        assertThat(String.join("\n", plan))
                .contains("Index Scan using articles_newest_first")
                .contains("Index Cond")
                .doesNotContain("Sort");
    }

    /** The constraint that refused the row, or null when the row was stored. */
    private String refusingConstraint(UUID id, double confidence, String sourceType, String hash, String event)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, id);
            s.setDouble(2, confidence);
            s.setString(3, sourceType);
            s.setString(4, hash);
            s.setString(5, event);
            s.executeUpdate();
            return null;
        } catch (PSQLException e) {
            return e.getServerErrorMessage().getConstraint();
        }
    }
}
