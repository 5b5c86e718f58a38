package io.newsflow.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.store.Articles;
import io.newsflow.store.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** A database that already holds articles stored under V1 is migrated with its entities, topics and sources. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"),
        parallel = true)
@QuarkusTestResource(value = TestDatabase.class, parallel = true)
class SchemaUpgradeTest {

    private static final String V1_INSERT = """
            INSERT INTO articles (id, title, body, language_code, language_confidence, fetched_at, source_type,
                                  source_name, feed_url, content_hash, enrichment_version, enriched_at, event)
            VALUES (?::uuid, ?, ?, ?, 0.9, now(), 'feed', ?, ?, ?, '1.0.0', now(), ?::jsonb)
            """;

    @ConfigProperty(name = "quarkus.datasource.username")
    String owner;

    @ConfigProperty(name = "quarkus.datasource.password")
    String ownerPassword;

    /** The role is the server's: migrating another database sets its password for the service's database too. */
    @ConfigProperty(name = "newsflow.store.reader-password")
    String readerPassword;

    @Test
    void articlesStoredBeforeTheEntityTablesAreCarriedOverIntoThem() throws SQLException {
        String database = "newsflow_upgrade_" + Long.toHexString(System.nanoTime());
        TestDatabase.asSuperuser("CREATE DATABASE " + database + " OWNER " + owner);
        String url = TestDatabase.jdbcUrl(database);
        EnrichedArticle seed = Articles.seed();

        flyway(url).target(MigrationVersion.fromVersion("1")).load().migrate();
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword);
                PreparedStatement s = c.prepareStatement(V1_INSERT)) {
            s.setString(1, seed.id());
            s.setString(2, seed.title());
            s.setString(3, seed.body());
            s.setString(4, seed.language().code());
            s.setString(5, seed.source().name());
            s.setString(6, seed.source().feedUrl());
            s.setString(7, seed.contentHash());
            s.setString(8, new String(EventCodec.encode(seed), StandardCharsets.UTF_8));
            s.executeUpdate();
        }
        flyway(url).load().migrate();

        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword);
                Statement s = c.createStatement()) {
            assertThat(strings(s, """
                    SELECT e.type || ' ' || e.key || ' ' || ae.mentions FROM article_entities ae
                    JOIN entities e ON e.id = ae.entity_id ORDER BY 1
                    """)).containsExactlyInAnyOrderElementsOf(seed.entities().stream()
                    .map(e -> e.type() + " " + (e.ref() != null ? e.ref() : e.name()) + " " + e.mentions()).toList());
            assertThat(strings(s, "SELECT topic_code FROM article_topics ORDER BY 1"))
                    .containsExactly("medtop:11000000", "medtop:16000000");
            assertThat(strings(s, "SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id"))
                    .containsExactly(seed.source().name());
            assertThat(strings(s, "SELECT id::text FROM articles WHERE search @@ to_tsquery('french', 'guerres')"))
                    .containsExactly(seed.id());
        }
    }

    private FluentConfiguration flyway(String url) {
        return Flyway.configure()
                .dataSource(url, owner, ownerPassword)
                .locations("filesystem:src/main/resources/db/migration")
                .placeholders(Map.of("readerPassword", readerPassword));
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
