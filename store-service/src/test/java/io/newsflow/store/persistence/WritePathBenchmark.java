package io.newsflow.store.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.sun.management.OperatingSystemMXBean;

import io.newsflow.devstack.EmbeddedPostgres;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topic;
import io.newsflow.store.Articles;

/**
 * Articles per second through the consumer's write path — each batch's record values decoded and checked against
 * the contract ({@link ReceivedArticle#decode}), then stored by {@link ArticleWriter} in one transaction — for
 * batches of 500 new articles written by one writer and by as many writers at once as the consumer runs (the
 * channel's {@code concurrency} in application.properties, each writer on its own connection), against one article
 * per transaction; each article names 10 entities and is tagged with 2 topics, on a PostgreSQL server with its
 * durable defaults (fsync and synchronous_commit on). Not part of the build; run it with
 * {@code ./mvnw -B -q -pl store-service -am test -Dbench -Dtest=WritePathBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.articles=N} to change the size of each batched run,
 * {@code -Dbench.rounds=N} their number: the best and the median of several runs say more than one).
 * <p>
 * Besides the rate, each batched line gives the CPU time spent per batch by the PostgreSQL server (all its
 * processes, from /proc) and by this JVM: on a machine shared with other work, wall time moves with the load, CPU
 * time much less.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class WritePathBenchmark {

    private static final int BATCH = 500;
    private static final int ARTICLES = Integer.getInteger("bench.articles", 20_000);
    private static final int ROUNDS = Math.max(Integer.getInteger("bench.rounds", 3), 1);
    private static final int ONE_BY_ONE = Math.max(ARTICLES / 10, 500);
    private static final int WARM_UP = 10 * BATCH;
    /** Entities repeat across articles, as people and places do in the news. */
    private static final int DISTINCT_ENTITIES = 3_000;
    private static final String CONCURRENCY = "mp.messaging.incoming.enriched-in.concurrency";

    private final OperatingSystemMXBean jvm = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private int serial;

    @Test
    void measureArticlesPerSecond() throws Exception {
        int writers = consumerWriters();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                    .locations("filesystem:src/main/resources/db/migration")
                    .placeholders(Map.of("readerPassword", "benchmark"))
                    .load().migrate();
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < writers; i++) {
                    Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                            postgres.password());
                    connection.setAutoCommit(false);
                    connections.add(connection);
                }
                Server server = new Server(connections.get(0));

                // Warm-up: JIT compilation, plan caches, the first entities and topics, on every connection.
                run(server, connections, events(WARM_UP), BATCH);
                List<Run> single = new ArrayList<>();
                List<Run> concurrent = new ArrayList<>();
                List<byte[]> last = List.of();
                for (int round = 0; round < ROUNDS; round++) {
                    last = events(ARTICLES);
                    single.add(run(server, connections.subList(0, 1), last, BATCH));
                    if (writers > 1) {
                        concurrent.add(run(server, connections, events(ARTICLES), BATCH));
                    }
                }
                Run oneByOne = run(server, connections.subList(0, 1), events(ONE_BY_ONE), 1);
                Run redelivered = run(server, connections.subList(0, 1), last, BATCH);

                StringBuilder report = new StringBuilder(String.format(
                        "%nwrite path (decode and store), 10 entities and 2 topics per article, durable PostgreSQL:%n"));
                report.append(batched(single, 1));
                if (writers > 1) {
                    report.append(batched(concurrent, writers));
                }
                report.append(String.format("  one article per transaction, 1 writer:     %,8.0f articles/s over %,d new"
                        + " articles%n", oneByOne.rate(), ONE_BY_ONE));
                report.append(String.format("  batched, the same events again, 1 writer:  %,8.0f articles/s (redelivery,"
                        + " nothing written)%s%n", redelivered.rate(), redelivered.cpu(BATCH)));
                System.out.print(report);
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    private static String batched(List<Run> runs, int writers) {
        List<Run> sorted = runs.stream().sorted((a, b) -> Double.compare(a.rate(), b.rate())).toList();
        Run median = sorted.get(sorted.size() / 2);
        return String.format("  batched, %d per transaction, %d writer%s: %,8.0f articles/s best, %,.0f median of %d"
                + " runs of %,d new articles (each: %s)%s%n", BATCH, writers, writers == 1 ? " " : "s",
                sorted.get(sorted.size() - 1).rate(), median.rate(), runs.size(), ARTICLES,
                runs.stream().map(run -> String.format("%,.0f", run.rate())).toList(), median.cpu(BATCH));
    }

    /** The number of writers the consumer runs: the copies of its channel, as configured for the service. */
    private static int consumerWriters() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty(CONCURRENCY, "1").trim());
    }

    /**
     * Stores {@code events} in transactions of {@code size} articles, the batches shared out among the writers, one
     * per connection, as the channel's copies share the partitions out.
     */
    private Run run(Server server, List<Connection> connections, List<byte[]> events, int size) throws Exception {
        int batches = (events.size() + size - 1) / size;
        AtomicInteger next = new AtomicInteger();
        long serverStart = server.cpuNanos();
        long jvmStart = jvm.getProcessCpuTime();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections.size());
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (Connection connection : connections) {
                ArticleWriter writer = new ArticleWriter(inOneConnection(connection));
                writers.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        List<ReceivedArticle> batch = new ArrayList<>(size);
                        for (byte[] value : events.subList(b * size, Math.min((b + 1) * size, events.size()))) {
                            batch.add(ReceivedArticle.decode(value));
                        }
                        writer.store(batch);
                        connection.commit();
                    }
                    return null;
                }));
            }
            for (Future<Void> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long serverCpu = server.cpuNanos() - serverStart;
        return new Run(events.size() / seconds, events.size() / (double) size,
                serverStart < 0 ? OptionalLong.empty() : OptionalLong.of(serverCpu),
                jvm.getProcessCpuTime() - jvmStart);
    }

    /** One run: its rate, and the CPU time the server and this JVM spent on it. */
    private record Run(double rate, double batches, OptionalLong serverCpuNanos, long jvmCpuNanos) {

        String cpu(int batchSize) {
            String server = serverCpuNanos.isPresent()
                    ? String.format("PostgreSQL %.0f ms, ", serverCpuNanos.getAsLong() / 1e6 / batches)
                    : "";
            return String.format("; CPU per batch of %d: %sthis JVM %.0f ms", batchSize, server,
                    jvmCpuNanos / 1e6 / batches);
        }
    }

    /** CPU time of the PostgreSQL server: its postmaster and every process it started, read from /proc. */
    private static final class Server {

        private final long postmaster;

        Server(Connection connection) throws SQLException {
            long found = -1;
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                found = parentOf(row.getLong(1));
                connection.commit();
            }
            postmaster = found;
        }

        /** Nanoseconds of CPU so far, or -1 where /proc does not tell (not Linux). */
        long cpuNanos() {
            if (postmaster < 0) {
                return -1;
            }
            long sum = 0;
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (pid == postmaster || parentOf(pid) == postmaster) {
                        sum += onCpu(process);
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return sum;
        }

        /** The parent of a process; -1 when it is gone or unreadable. */
        private static long parentOf(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // The command name, in parentheses, may hold spaces: the fields after it are counted from its end.
                return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** Nanoseconds the process spent on a CPU (/proc/PID/schedstat); 0 when it ended meanwhile. */
        private static long onCpu(Path process) {
            try {
                return Long.parseLong(Files.readString(process.resolve("schedstat")).split(" ")[0]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** {@code count} new articles as Kafka record values. */
    private List<byte[]> events(int count) {
        List<byte[]> events = new ArrayList<>(count);
        EntityType[] types = EntityType.values();
        for (int k = 0; k < count; k++) {
            int i = serial++;
            List<Entity> entities = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                int n = (i * 7 + e * 131) % DISTINCT_ENTITIES;
                entities.add(new Entity("Entity " + n, types[n % types.length], n % 3 == 0 ? "wikidata:Q" + n : null,
                        1 + e % 3, List.of("Entity " + n, "E. " + n), e * 40));
            }
            List<Topic> topics = List.of(new Topic(String.format("medtop:%02d000000", 1 + i % 17), "subject", 0.8),
                    new Topic(String.format("medtop:2000%04d", i % 500), "narrower", 0.6));
            EnrichedArticle article = Articles.with(Articles.fresh(), entities, topics);
            events.add(EventCodec.encode(article));
        }
        return events;
    }

    /**
     * The writer asks its DataSource for a connection per batch and closes it, as it does on the pool inside a
     * transaction; here every batch of one writer gets the same connection, and the benchmark commits.
     */
    private static DataSource inOneConnection(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(WritePathBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return unclosable;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return unclosable;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
