package io.newsflow.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.newsflow.devstack.test.DevstackResource;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EntityType;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topic;
import io.newsflow.store.Articles;
import io.newsflow.store.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The links of articles to entities and topics are checked per statement (V5) and must hold exactly what their
 * foreign keys held: no link to a missing row, links deleted with their article, linked entities and topics kept.
 */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"),
        parallel = true)
@QuarkusTestResource(value = TestDatabase.class, parallel = true)
class LinkIntegrityTest {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String INSERT_ENTITY_LINK =
            "INSERT INTO article_entities (article_id, entity_id, name, mentions, surface_forms, first_offset)";

    @Inject
    DataSource dataSource;

    @Inject
    ArticleWriter writer;

    @Test
    void aLinkToAMissingArticleEntityOrTopicIsRefused() throws SQLException {
        UUID stored = store(linkedArticle("Refused links"));
        UUID missing = UUID.randomUUID();

        assertRefused(INSERT_ENTITY_LINK + " SELECT '" + missing + "', min(id), 'x', 1, '{x}', 0 FROM entities");
        assertRefused(INSERT_ENTITY_LINK + " VALUES ('" + stored + "', -1, 'x', 1, '{x}', 0)");
        assertRefused("INSERT INTO article_topics (article_id, topic_code, score) VALUES ('" + missing
                + "', 'medtop:16000000', 0.5)");
        assertRefused("INSERT INTO article_topics (article_id, topic_code, score) VALUES ('" + stored
                + "', 'medtop:99999999', 0.5)");
        assertRefused("UPDATE article_topics SET topic_code = 'medtop:99999999' WHERE article_id = '" + stored + "'");
        assertThat(count("SELECT count(*) FROM article_entities WHERE article_id = '" + stored + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM article_topics WHERE article_id = '" + stored + "'")).isEqualTo(1);
    }

    @Test
    void deletingAnArticleDeletesItsLinksAndNothingElse() throws SQLException {
        UUID deleted = store(linkedArticle("Deleted article"));
        UUID kept = store(linkedArticle("Kept article"));

        execute("DELETE FROM articles WHERE id = '" + deleted + "'");

        assertThat(count("SELECT count(*) FROM article_entities WHERE article_id = '" + deleted + "'")).isZero();
        assertThat(count("SELECT count(*) FROM article_topics WHERE article_id = '" + deleted + "'")).isZero();
        assertThat(count("SELECT count(*) FROM article_entities WHERE article_id = '" + kept + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM article_topics WHERE article_id = '" + kept + "'")).isEqualTo(1);
    }

    @Test
    void aLinkedEntityOrTopicCannotBeDeletedNorALinkedKeyChanged() throws SQLException {
        UUID stored = store(linkedArticle("Linked entity"));
        String entity = "(SELECT entity_id FROM article_entities WHERE article_id = '" + stored + "' LIMIT 1)";

        assertRefused("DELETE FROM entities WHERE id = " + entity);
        assertRefused("DELETE FROM topics WHERE code = 'medtop:16000000'");
        assertRefused("UPDATE articles SET id = gen_random_uuid() WHERE id = '" + stored + "'");
        assertRefused("UPDATE topics SET code = 'medtop:16999999' WHERE code = 'medtop:16000000'");
        assertThat(count("SELECT count(*) FROM article_entities WHERE article_id = '" + stored + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM topics WHERE code = 'medtop:16000000'")).isEqualTo(1);
    }

    @Test
    void anUnlinkedTopicCanStillBeDeleted() throws SQLException {
        execute("INSERT INTO topics (code, label) VALUES ('medtop:20999999', 'never tagged')");

        execute("DELETE FROM topics WHERE code = 'medtop:20999999'");

        assertThat(count("SELECT count(*) FROM topics WHERE code = 'medtop:20999999'")).isZero();
    }

    private static EnrichedArticle linkedArticle(String title) {
        String name = title + " " + UUID.randomUUID();
        return Articles.with(Articles.titled(Articles.fresh(), title),
                List.of(Articles.entity(name, EntityType.PERSON, null, title, name),
                        Articles.entity("Ukraine", EntityType.LOCATION, "iso3166:UA", title, "Ukraine")),
                List.of(new Topic("medtop:16000000", "conflict, war and peace", 0.9)));
    }

    private UUID store(EnrichedArticle article) {
        writer.store(List.of(new ReceivedArticle(article,
                new String(EventCodec.encode(article), StandardCharsets.UTF_8))));
        return UUID.fromString(article.id());
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
