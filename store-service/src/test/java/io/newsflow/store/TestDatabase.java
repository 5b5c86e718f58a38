package io.newsflow.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.newsflow.devstack.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The PostgreSQL server of this module's tests: devstack's embedded server, but an instance of our own, on a data
 * directory kept across a stop, so that a test can take the database away for real (server stopped, connections
 * refused) and bring it back with every row, on the same port.
 * <p>
 * The role the service connects as may create roles, as the owner of the schema in a deployment does, so that the
 * migrations create {@code newsflow_reader}.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static int port;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                dataDirectory = Files.createTempDirectory(Path.of("target"), "postgres-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = EmbeddedPostgres.builder().forTests().dataDirectory(dataDirectory).start();
            port = server.port();
            requirePasswords();
            // A given data directory outlives its server; this one is only for this JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::remove, "store-test-database-removal"));
        }
        return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
    }

    /**
     * The embedded server trusts every local connection; this one asks every role but the superuser for its
     * password (method md5: MD5 or SCRAM, whichever way the password is stored), as a deployed server does, so that
     * a wrong or rotated password is refused in the tests too. Written into the data directory, it holds after a
     * restart.
     */
    private static void requirePasswords() {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    local all postgres trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    local all all md5
                    host all all 127.0.0.1/32 md5
                    host all all ::1/128 md5
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        asSuperuser("SELECT pg_reload_conf()");
    }

    /** The server outlives this resource: it stops with the JVM, like devstack's shared servers. */
    @Override
    public void stop() {
    }

    /** Stops the server: from now on, connections are refused. */
    public static synchronized void takeDown() {
        running().close();
        server = null;
    }

    /** Starts the server again on the same port and data directory. */
    public static synchronized void bringBack() {
        if (server == null) {
            server = EmbeddedPostgres.builder().forTests().port(port).dataDirectory(dataDirectory).start();
        }
    }

    private static synchronized void remove() {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL of this server for another database or role. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + running().port() + "/" + database;
    }

    /** Runs {@code sql} as the server's superuser, in database postgres. */
    public static void asSuperuser(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres running() {
        if (server == null) {
            throw new IllegalStateException("The test database is not running in this class loader");
        }
        return server;
    }
}
