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
            // A given data directory outlives its server; this one is only for this JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::remove, "store-test-database-removal"));
        }
        return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password());
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
