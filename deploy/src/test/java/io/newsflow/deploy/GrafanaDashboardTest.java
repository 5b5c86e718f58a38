package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.devstack.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provisioned dashboard reads only the store's dashboard views, and every panel's SQL runs on the real schema. */
class GrafanaDashboardTest {

    private static final Path MIGRATIONS = Repository.root().resolve("store-service/src/main/resources/db/migration");
    private static final String READER = "newsflow_reader";
    private static final String READER_PASSWORD = "reader-password-from-deploy-test";
    private static final Pattern RELATION = Pattern.compile("(?i)\\b(?:from|join)\\s+([a-z_][a-z0-9_.]*)");
    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)(?:\\(([^)]*)\\))?");

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void migrateTheStoreSchema() {
        postgres = EmbeddedPostgres.builder().forTests().start();
        MigrateResult migrated = Flyway.configure()
                .dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations("filesystem:" + MIGRATIONS)
                .placeholders(Map.of("readerPassword", READER_PASSWORD))
                .load()
                .migrate();
        assertThat(migrated.migrationsExecuted).as("migrations applied: %s", migrated.migrations.stream()
                .map(m -> m.filepath).toList()).isEqualTo(migrationFiles());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int migrationFiles() {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Panel(String title, String format, String sql) {
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Files.readString(
                    Repository.deploy().resolve("grafana/dashboards/newsflow-store.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets").forEach(target -> panels.add(
                new Panel(panel.path("title").asText(), target.path("format").asText(),
                        target.path("rawSql").asText()))));
        return panels;
    }

    /** The views the migrations create: the store's contract for dashboards. */
    static Set<String> dashboardViews() throws IOException {
        Set<String> views = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.sorted().toList()) {
                Matcher view = Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+([a-z_][a-z0-9_]*)")
                        .matcher(Files.readString(file));
                while (view.find()) {
                    views.add(view.group(1).toLowerCase());
                }
            }
        }
        return views;
    }

    /**
     * Grafana's macros as the PostgreSQL data source expands them, over the last seven days; an unknown macro fails
     * the test rather than reaching the database half-expanded.
     */
    static String expandMacros(String sql) {
        Matcher macro = MACRO.matcher(sql);
        StringBuilder expanded = new StringBuilder();
        while (macro.find()) {
            String replacement = switch (macro.group(1)) {
                case "timeFilter" -> macro.group(2).trim()
                        + " BETWEEN now() - interval '7 days' AND now()";
                case "timeFrom" -> "(now() - interval '7 days')";
                case "timeTo" -> "now()";
                default -> throw new AssertionError("Macro not understood by this test: " + macro.group());
            };
            macro.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        macro.appendTail(expanded);
        return expanded.toString();
    }

    @Test
    void everyPanelQueriesOnlyTheStoresDashboardViews() throws IOException {
        Set<String> views = dashboardViews();
        assertThat(views).contains("articles_per_hour_by_language", "top_entities_per_day");
        List<Panel> panels = panels();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(4);
        Set<String> queried = new LinkedHashSet<>();
        for (Panel panel : panels) {
            Matcher relation = RELATION.matcher(panel.sql());
            List<String> relations = new ArrayList<>();
            while (relation.find()) {
                relations.add(relation.group(1).toLowerCase());
            }
            assertThat(relations).as(panel.title()).isNotEmpty().allMatch(views::contains);
            queried.addAll(relations);
        }
        assertThat(queried).as("every dashboard view has a panel").containsExactlyInAnyOrderElementsOf(views);
    }

    @Test
    void everyPanelQueryRunsAsTheReadOnlyRoleOnTheMigratedSchema() throws SQLException {
        insertOneArticleWithAnEntityAndATopic();
        try (Connection reader = DriverManager.getConnection(postgres.jdbcUrl(), READER, READER_PASSWORD);
                Statement statement = reader.createStatement()) {
            assertThat(currentUser(statement)).isEqualTo(READER);
            for (Panel panel : panels()) {
                try (ResultSet rows = statement.executeQuery(expandMacros(panel.sql()))) {
                    ResultSetMetaData columns = rows.getMetaData();
                    if (panel.format().equals("time_series")) {
                        assertThat(columns.getColumnLabel(1)).as(panel.title()).isEqualTo("time");
                        assertThat(columns.getColumnTypeName(1)).as(panel.title()).isEqualTo("timestamptz");
                    }
                    assertThat(rows.next()).as("%s finds the stored article", panel.title()).isTrue();
                }
            }
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM articles"))
                    .as("the dashboards' role cannot change data").isInstanceOf(SQLException.class);
        }
    }

    @Test
    void dataSourceLogsInAsTheReadOnlyRoleThePanelsUse() {
        JsonNode provisioning = Manifests.parse(Repository.read(
                Repository.deploy().resolve("grafana/provisioning/datasources/newsflow.yml")));
        JsonNode store = null;
        for (JsonNode source : provisioning.path("datasources")) {
            if (source.path("uid").asText().equals("newsflow-store")) {
                store = source;
            }
        }
        assertThat(store).as("data source newsflow-store").isNotNull();
        assertThat(store.path("user").asText()).isEqualTo(READER);
        assertThat(store.path("secureJsonData").path("password").asText())
                .isEqualTo("${NEWSFLOW_STORE_READER_PASSWORD}");
        String type = store.path("type").asText();
        dashboard().path("panels").forEach(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("newsflow-store");
            assertThat(panel.path("datasource").path("type").asText()).isEqualTo(type);
        });
    }

    private static String currentUser(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void insertOneArticleWithAnEntityAndATopic() throws SQLException {
        try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password()); Statement statement = owner.createStatement()) {
            statement.execute("TRUNCATE articles, sources, entities, places CASCADE");
            statement.execute(Repository.read(
                    Repository.deploy().resolve("src/test/resources/one-stored-article.sql")));
        }
    }
}
