package io.newsflow.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.store.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** newsflow_reader, the dashboards' login: it reads every table and view, and can change nothing. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"),
        parallel = true)
@QuarkusTestResource(value = TestDatabase.class, parallel = true)
class ReaderRoleTest {

    private static final String READER = "newsflow_reader";
    private static final List<String> VIEWS = List.of("articles_per_hour_by_language", "articles_per_hour_by_source",
            "top_entities_per_day", "topics_per_day", "enrichment_latency_per_hour");
    private static final List<String> TABLES = List.of("articles", "sources", "entities", "article_entities",
            "topics", "article_topics");

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String owner;

    @ConfigProperty(name = "quarkus.datasource.password")
    String ownerPassword;

    @ConfigProperty(name = "newsflow.store.reader-password")
    String readerPassword;

    @Test
    void theReaderSelectsFromEveryViewAndTable() throws SQLException {
        try (Connection reader = DriverManager.getConnection(jdbcUrl, READER, readerPassword);
                Statement s = reader.createStatement()) {
            for (String relation : concat(VIEWS, TABLES)) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + relation + " LIMIT 1")) {
                    assertThat(rs.getMetaData().getColumnCount()).as(relation).isPositive();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM topics WHERE parent_code IS NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the 17 IPTC subjects").isGreaterThanOrEqualTo(17);
            }
        }
    }

    @Test
    void theSecondLevelTopicsEnrichmentAssignsArePreloadedUnderTheirSubject() throws SQLException {
        try (Connection reader = DriverManager.getConnection(jdbcUrl, READER, readerPassword);
                Statement s = reader.createStatement();
                ResultSet rs = s.executeQuery("SELECT parent_code FROM topics WHERE code = 'medtop:20000056'")) {
            assertThat(rs.next()).as("armed conflict is preloaded").isTrue();
            assertThat(rs.getString(1)).isEqualTo("medtop:16000000");
        }
    }

    @Test
    void theReaderCanChangeNothing() throws SQLException {
        try (Connection reader = DriverManager.getConnection(jdbcUrl, READER, readerPassword);
                Statement s = reader.createStatement()) {
            assertRefused(s, "INSERT INTO topics (code, label) VALUES ('medtop:99000000', 'not allowed')");
            assertRefused(s, "UPDATE articles SET title = 'changed'");
            assertRefused(s, "DELETE FROM entities");
            assertRefused(s, "CREATE TABLE mine (id int)");
            assertRefused(s, "CREATE OR REPLACE VIEW mine AS SELECT 1");
            assertRefused(s, "TRUNCATE article_topics");
        }
    }

    /**
     * A role belongs to the server: a second newsflow database on it (a test run, a staging copy) finds
     * newsflow_reader already there, and its migrations still run through and grant it that database too.
     */
    @Test
    void theMigrationsRunOnASecondDatabaseOfTheSameServer() throws SQLException {
        String database = "newsflow_second_" + Long.toHexString(System.nanoTime());
        TestDatabase.asSuperuser("CREATE DATABASE " + database + " OWNER " + owner);

        Flyway.configure()
                .dataSource(TestDatabase.jdbcUrl(database), owner, ownerPassword)
                .locations("filesystem:src/main/resources/db/migration")
                .placeholders(Map.of("readerPassword", readerPassword))
                .load()
                .migrate();

        try (Connection reader = DriverManager.getConnection(TestDatabase.jdbcUrl(database), READER, readerPassword);
                Statement s = reader.createStatement()) {
            for (String view : VIEWS) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + view)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(view).isZero();
                }
            }
            assertRefused(s, "INSERT INTO sources (type, name) VALUES ('http', 'not allowed')");
        }
    }

    /** A new reader password in the configuration and a restart (the migrations run again) rotate it. */
    @Test
    void aNewReaderPasswordInTheConfigurationReplacesTheOldOneAtTheNextStart() throws SQLException {
        String rotated = "rotated-" + Long.toHexString(System.nanoTime());
        try {
            migrate(rotated);
            try (Connection reader = DriverManager.getConnection(jdbcUrl, READER, rotated)) {
                assertThat(reader.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, READER, readerPassword).close())
                    .as("the old password").isInstanceOf(SQLException.class);
        } finally {
            migrate(readerPassword);
        }
        try (Connection reader = DriverManager.getConnection(jdbcUrl, READER, readerPassword)) {
            assertThat(reader.isValid(5)).isTrue();
        }
    }

    /** What the service does at start: the migrations on its database, with this reader password. */
    private void migrate(String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations("filesystem:src/main/resources/db/migration")
                .placeholders(Map.of("readerPassword", password))
                .load()
                .migrate();
    }

    private static void assertRefused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
