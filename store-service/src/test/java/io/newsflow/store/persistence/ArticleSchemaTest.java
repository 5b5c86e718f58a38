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
import io.newsflow.store.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The schema Flyway creates at start, as dashboards and other readers of the database see it. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"),
        parallel = true)
@QuarkusTestResource(value = TestDatabase.class, parallel = true)
class ArticleSchemaTest {

    private static final String INSERT = """
            INSERT INTO articles (id, title, body, language_code, language_confidence, fetched_at, source_type,
                                  source_name, source_id, content_hash, enrichment_version, enrichment_took_ms,
                                  enrichment_truncated, enriched_at, event)
            VALUES (?, 'Title', 'Body', 'en', ?, now(), ?, 'A source', (SELECT min(id) FROM sources), ?, '1.0.0', 5,
                    false, now(), ?::jsonb)
            """;
    private static final String HASH = "sha256:" + "ab".repeat(32);

    @Inject
    DataSource dataSource;

    @Test
    void everyTableViewAndColumnIsDescribedForTheReadersOfTheDatabase() throws SQLException {
        List<String> relations = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')
                      AND c.relname <> 'flyway_schema_history'
                    """)) {
                while (rs.next()) {
                    relations.add(rs.getString(1));
                    if (rs.getString(2) == null || rs.getString(2).isBlank()) {
                        undocumented.add(rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')
                      AND c.relname <> 'flyway_schema_history' AND a.attnum > 0 AND NOT a.attisdropped
                      AND col_description(a.attrelid, a.attnum) IS NULL
                    """)) {
                while (rs.next()) {
                    undocumented.add(rs.getString(1));
                }
            }
        }
        assertThat(relations).contains("articles", "sources", "entities", "article_entities", "topics",
                "article_topics", "articles_per_hour_by_language", "articles_per_hour_by_source",
                "top_entities_per_day", "topics_per_day", "enrichment_latency_per_hour");
        assertThat(undocumented).isEmpty();
    }

    @Test
    void eachLanguageIsSearchedWithItsOwnTextSearchConfiguration() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT newsflow_text_search_config('fr')::text, newsflow_text_search_config('en')::text,
                               newsflow_text_search_config('de')::text, newsflow_text_search_config('ru')::text,
                               newsflow_text_search_config('und')::text, newsflow_text_search_config('zz')::text,
                               to_tsvector(newsflow_text_search_config('fr'), 'les guerres')::text
                        """)) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("french");
            assertThat(rs.getString(2)).isEqualTo("english");
            assertThat(rs.getString(3)).isEqualTo("german");
            assertThat(rs.getString(4)).isEqualTo("russian");
            assertThat(rs.getString(5)).isEqualTo("simple");
            assertThat(rs.getString(6)).isEqualTo("simple");
            assertThat(rs.getString(7)).as("French stemming").contains("'guerr':2").doesNotContain("guerres");
        }
    }

    @Test
    void aFullTextSearchIsServedByTheSearchIndex() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("""
                    EXPLAIN SELECT a.id FROM articles a
                    WHERE a.search @@ newsflow_any_language_query('guerre')
                      AND a.search @@ websearch_to_tsquery(newsflow_text_search_config(a.language_code), 'guerre')
                    """)) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            } finally {
                s.execute("RESET enable_seqscan");
            }
        }
        assertThat(String.join("\n", plan)).contains("articles_search");
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

    @Test
    void theLargeArticleColumnsAreCompressedWithLz4WhereTheServerHasIt() throws SQLException {
        boolean lz4;
        List<String> compression = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("SET default_toast_compression = lz4");
                s.execute("RESET default_toast_compression");
                lz4 = true;
            } catch (PSQLException withoutLz4) {
                lz4 = false;
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT attname || ' ' || CASE attcompression WHEN 'l' THEN 'lz4' WHEN 'p' THEN 'pglz'
                                                                 ELSE 'default' END
                    FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attnum > 0 AND NOT attisdropped
                      AND attname IN ('title', 'body', 'summary', 'event', 'search')
                    ORDER BY attname
                    """)) {
                while (rs.next()) {
                    compression.add(rs.getString(1));
                }
            }
        }
        String large = lz4 ? "lz4" : "default";
        assertThat(compression).containsExactly("body " + large, "event " + large, "search " + large,
                "summary " + large, "title default");
    }

    /** The constraint that refused the row, or null when the row was stored. */
    private String refusingConstraint(UUID id, double confidence, String sourceType, String hash, String event)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement source = c.createStatement()) {
            source.execute("INSERT INTO sources (type, name) VALUES ('http', 'A source') ON CONFLICT DO NOTHING");
        }
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
