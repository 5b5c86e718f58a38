package io.newsflow.store.persistence;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.newsflow.devstack.EmbeddedPostgres;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topic;
import io.newsflow.store.Articles;

/**
 * Articles stored per second by the write path, batched (one transaction and eight statements per batch of 500)
 * against one article per transaction, each article with 10 entities and 2 topics, on a PostgreSQL server with its
 * durable defaults (fsync on). Not part of the build; run it with
 * {@code ./mvnw -B -q -pl store-service test -Dbench -Dtest=WritePathBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.articles=N} to change the size of each batched run, {@code -Dbench.rounds=N} their number: the
 * machine is shared, so the best and the median of several runs say more than one).
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class WritePathBenchmark {

    private static final int BATCH = 500;
    private static final int ARTICLES = Integer.getInteger("bench.articles", 20_000);
    private static final int ROUNDS = Math.max(Integer.getInteger("bench.rounds", 3), 1);
    private static final int ONE_BY_ONE = Math.max(ARTICLES / 10, 500);
    /** Entities repeat across articles, as people and places do in the news. */
    private static final int DISTINCT_ENTITIES = 3_000;

    @Test
    void measureArticlesPerSecond() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                    .locations("filesystem:src/main/resources/db/migration")
                    .placeholders(Map.of("readerPassword", "benchmark"))
                    .load().migrate();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                    postgres.password())) {
                connection.setAutoCommit(false);
                ArticleWriter writer = new ArticleWriter(inOneConnection(connection));

                // Warm-up: JIT, plan caches, the first entities and topics.
                run(writer, connection, articles(BATCH), BATCH);
                List<ReceivedArticle> fresh = List.of();
                List<Double> batched = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    fresh = articles(ARTICLES);
                    batched.add(run(writer, connection, fresh, BATCH));
                }
                double oneByOne = run(writer, connection, articles(ONE_BY_ONE), 1);
                double redelivered = run(writer, connection, fresh, BATCH);

                List<Double> sorted = batched.stream().sorted().toList();
                System.out.printf("%nwrite path, 10 entities and 2 topics per article, durable PostgreSQL:%n"
                        + "  batched, %d per transaction:     %,8.0f articles/s best, %,.0f median of %d runs of %,d"
                        + " new articles (each: %s)%n"
                        + "  one article per transaction:     %,8.0f articles/s over %,d new articles%n"
                        + "  batched, the same events again:  %,8.0f articles/s (redelivery, nothing written)%n",
                        BATCH, sorted.get(sorted.size() - 1), sorted.get(sorted.size() / 2), ROUNDS, ARTICLES,
                        batched.stream().map(rate -> String.format("%,.0f", rate)).toList(),
                        oneByOne, ONE_BY_ONE, redelivered);
            }
        }
    }

    /** Stores {@code articles} in transactions of {@code size}; articles per second. */
    private static double run(ArticleWriter writer, Connection connection, List<ReceivedArticle> articles, int size)
            throws SQLException {
        long start = System.nanoTime();
        for (int i = 0; i < articles.size(); i += size) {
            writer.store(articles.subList(i, Math.min(i + size, articles.size())));
            connection.commit();
        }
        return articles.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static List<ReceivedArticle> articles(int count) {
        List<ReceivedArticle> articles = new ArrayList<>(count);
        EntityType[] types = EntityType.values();
        for (int i = 0; i < count; i++) {
            List<Entity> entities = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                int n = (i * 7 + e * 131) % DISTINCT_ENTITIES;
                entities.add(new Entity("Entity " + n, types[n % types.length], n % 3 == 0 ? "wikidata:Q" + n : null,
                        1 + e % 3, List.of("Entity " + n, "E. " + n), e * 40));
            }
            List<Topic> topics = List.of(new Topic(String.format("medtop:%02d000000", 1 + i % 17), "subject", 0.8),
                    new Topic(String.format("medtop:2000%04d", i % 500), "narrower", 0.6));
            EnrichedArticle article = Articles.with(Articles.fresh(), entities, topics);
            articles.add(new ReceivedArticle(article, new String(EventCodec.encode(article), StandardCharsets.UTF_8)));
        }
        return articles;
    }

    /**
     * The writer asks its DataSource for a connection per batch and closes it, as it does on the pool inside a
     * transaction; here every batch gets the same connection, and the benchmark commits.
     */
    private static DataSource inOneConnection(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(WritePathBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(connection, args));
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
