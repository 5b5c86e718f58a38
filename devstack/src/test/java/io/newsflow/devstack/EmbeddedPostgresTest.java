package io.newsflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @Test
    void persistentServerIsDurableAndKeepsTablesAcrossRestart(@TempDir Path dir) throws SQLException {
        Path data = dir.resolve("pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().dataDirectory(data).start()) {
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/newsflow");
            try (Connection connection = connect(postgres); Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "fsync")).isEqualTo("on");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(sql, "full_page_writes")).isEqualTo("on");
                sql.execute("CREATE TABLE survivor (id int PRIMARY KEY, name text)");
                sql.execute("INSERT INTO survivor VALUES (1, 'kept')");
            }
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().dataDirectory(data).start();
                Connection connection = connect(postgres);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT name, current_user FROM survivor WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
            assertThat(rows.getString(2)).isEqualTo("newsflow");
            assertThat(postgres.dataDirectory()).isEqualTo(data.toAbsolutePath());
        }
        assertThat(data.resolve("PG_VERSION")).exists();
    }

    @Test
    void stoppedServerRefusesConnectionsAndRestartsOnTheSamePortWithItsData() throws SQLException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().forTests().start()) {
            int port = postgres.port();
            try (Connection connection = connect(postgres); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE committed_before_outage (id int PRIMARY KEY)");
                sql.execute("INSERT INTO committed_before_outage VALUES (7)");
            }

            postgres.stop();

            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(postgres).close()).isInstanceOf(SQLException.class);
            assertThat(postgres.dataDirectory()).exists();

            postgres.restart();

            assertThat(postgres.isRunning()).isTrue();
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection connection = connect(postgres); Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT id FROM committed_before_outage")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
                assertThat(setting(sql, "fsync")).isEqualTo("off");
            }
        }
    }

    static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    static String setting(Statement sql, String name) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT current_setting('" + name + "')")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
