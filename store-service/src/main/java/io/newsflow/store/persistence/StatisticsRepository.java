package io.newsflow.store.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counts over the stored articles: the most named entities, the topics, the totals. */
@ApplicationScoped
public class StatisticsRepository {

    private static final String TOP_ENTITIES = """
            SELECT e.type, e.name, e.ref, count(*) AS articles, sum(ae.mentions) AS mentions, p.lat, p.lon
            FROM article_entities ae
            JOIN articles a ON a.id = ae.article_id
            JOIN entities e ON e.id = ae.entity_id
            LEFT JOIN places p ON p.ref = e.ref AND e.type = 'LOCATION'
            WHERE a.stored_at >= ? AND (?::text IS NULL OR e.type = ?::text)
            GROUP BY e.id, p.ref
            ORDER BY articles DESC, mentions DESC, e.name, e.id
            LIMIT ?
            """;

    private static final String TOPIC_COUNTS = """
            SELECT t.code, t.label, t.parent_code, count(*) AS articles
            FROM article_topics tag
            JOIN articles a ON a.id = tag.article_id
            JOIN topics t ON t.code = tag.topic_code
            WHERE a.stored_at >= ?
            GROUP BY t.code
            ORDER BY articles DESC, t.code
            """;

    private static final String TOTALS = """
            SELECT count(*), max(stored_at), count(*) FILTER (WHERE stored_at >= now() - interval '1 minute')
            FROM articles
            """;
    private static final String BY_LANGUAGE = """
            SELECT language_code, count(*) FROM articles GROUP BY language_code ORDER BY 2 DESC, 1
            """;
    private static final String BY_SOURCE = """
            SELECT s.type, s.name, count(*) FROM articles a JOIN sources s ON s.id = a.source_id
            GROUP BY s.id ORDER BY 3 DESC, 2, 1
            """;

    /** An entity and how many articles stored since the requested time name it, how many times in all. */
    public record EntityCount(String type, String name, String ref, long articles, long mentions,
            @Schema(description = "Latitude of a linked place (degrees WGS84); null for other entities", nullable = true)
            Double lat,
            @Schema(description = "Longitude of a linked place (degrees WGS84); null for other entities", nullable = true)
            Double lon) {
    }

    /** A topic and how many articles stored since the requested time are tagged with it. */
    public record TopicCount(String code, String label, String parentCode, long articles) {
    }

    public record LanguageCount(String language, long articles) {
    }

    public record SourceCount(String type, String name, long articles) {
    }

    /**
     * Every stored article counted, by language and by source; when the last one was first stored (null if none),
     * and how many were first stored in the last minute.
     */
    public record Totals(
            @Schema(description = "Articles stored") long articles,
            @Schema(description = "When the most recently stored article was first stored; null while the store is "
                    + "empty", nullable = true) Instant lastStoredAt,
            @Schema(description = "Articles first stored in the minute before the request (by the database clock)")
            long storedLastMinute,
            @Schema(description = "Articles per language, the most first") List<LanguageCount> byLanguage,
            @Schema(description = "Articles per source, the most first") List<SourceCount> bySource) {
    }

    private final DataSource dataSource;

    StatisticsRepository(@io.quarkus.agroal.DataSource(ArticleRepository.READER) DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The entities most articles stored since {@code since} name, of {@code type} only unless it is null. */
    public List<EntityCount> topEntities(Instant since, String type, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(TOP_ENTITIES)) {
            statement.setObject(1, since.atOffset(ZoneOffset.UTC));
            statement.setString(2, type);
            statement.setString(3, type);
            statement.setInt(4, limit);
            List<EntityCount> counts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.add(new EntityCount(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getLong(4), rows.getLong(5), rows.getObject(6, Double.class),
                            rows.getObject(7, Double.class)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not count entities", e);
        }
    }

    /** Every topic some article stored since {@code since} is tagged with, the most used first. */
    public List<TopicCount> topicCounts(Instant since) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(TOPIC_COUNTS)) {
            statement.setObject(1, since.atOffset(ZoneOffset.UTC));
            List<TopicCount> counts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.add(new TopicCount(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getLong(4)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not count topics", e);
        }
    }

    public Totals totals() {
        try (Connection connection = dataSource.getConnection()) {
            long articles;
            Instant last;
            long lastMinute;
            try (PreparedStatement statement = connection.prepareStatement(TOTALS);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                articles = rows.getLong(1);
                OffsetDateTime max = rows.getObject(2, OffsetDateTime.class);
                last = max == null ? null : max.toInstant();
                lastMinute = rows.getLong(3);
            }
            List<LanguageCount> byLanguage = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(BY_LANGUAGE);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byLanguage.add(new LanguageCount(rows.getString(1), rows.getLong(2)));
                }
            }
            List<SourceCount> bySource = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(BY_SOURCE);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    bySource.add(new SourceCount(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
            return new Totals(articles, last, lastMinute, byLanguage, bySource);
        } catch (SQLException e) {
            throw new ArticleStoreException("Could not count articles", e);
        }
    }
}
