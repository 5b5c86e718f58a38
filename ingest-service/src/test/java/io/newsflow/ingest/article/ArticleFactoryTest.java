package io.newsflow.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.identity.ArticleIdentity;

class ArticleFactoryTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");

    private final ArticleFactory factory = new ArticleFactory(Clock.fixed(NOW, ZoneOffset.UTC));

    private static List<String> schemaViolations(RawArticle article) {
        return EventSchema.RAW_ARTICLE.violations(EventCodec.toTree(article));
    }

    @Test
    void aCompleteSubmissionBecomesASchemaValidEvent() {
        RawArticle article = factory.create(ArticleValidatorTest.complete(), SourceType.HTTP, "http");

        assertThat(schemaViolations(article)).isEmpty();
        assertThat(article.canonicalUrl()).isEqualTo("https://www.example.org/monde/poutine");
        assertThat(article.id()).isEqualTo(ArticleIdentity.idOf("https://www.example.org/monde/poutine", null, null));
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2022-12-19T08:30:00Z"));
        assertThat(article.fetchedAt()).isEqualTo(NOW);
        assertThat(article.source().type()).isEqualTo(SourceType.HTTP);
        assertThat(article.source().name()).isEqualTo("Newsweek");
        assertThat(article.contentHash()).isEqualTo(ArticleIdentity.contentHash(article.title(), article.body()));
    }

    @Test
    void submissionsAtEveryLimitStillMatchTheSchema() {
        String url = "https://example.org/" + "é".repeat(200) + "a".repeat(2048 - 20 - 200 * 6);
        ArticleSubmission submission = new ArticleSubmission(url, url, "t".repeat(1000), "b".repeat(1_000_000),
                "s".repeat(10_000), Collections.nCopies(100, "a".repeat(300)), "0001-01-01T00:00:00Z", "n".repeat(300));

        assertThat(ArticleValidator.validate(submission)).isEmpty();
        assertThat(schemaViolations(factory.create(submission, SourceType.HTTP, "http"))).isEmpty();
    }

    @Test
    void theSourceNameFallsBackToTheDefault() {
        RawArticle article = factory.create(ArticleValidatorTest.withTitleAndBody("Headline", null), SourceType.HTTP, "http");

        assertThat(article.source().name()).isEqualTo("http");
        assertThat(article.body()).isEmpty();
        assertThat(article.url()).isNull();
        assertThat(article.canonicalUrl()).isNull();
        assertThat(schemaViolations(article)).isEmpty();
    }

    @Test
    void textIsCleanedButParagraphsAreKept() {
        ArticleSubmission submission = new ArticleSubmission(null, null, "  Bie\u0301lorussie :\n la visite ",
                "\r\nPremier paragraphe.\r\n\r\nSecond paragraphe.\n", "  \n ", List.of("  Jean  Dupont "), null, null);

        RawArticle article = factory.create(submission, SourceType.FILE, "seed.txt");

        assertThat(article.title()).isEqualTo("Biélorussie : la visite");
        assertThat(article.body()).isEqualTo("Premier paragraphe.\n\nSecond paragraphe.");
        assertThat(article.summary()).isNull();
        assertThat(article.authors()).containsExactly("Jean Dupont");
        assertThat(article.source().name()).isEqualTo("seed.txt");
    }

    @Test
    void theSameArticleFromAnySourceGetsTheSameId() {
        RawArticle fromFile = factory.create(ArticleSubmission.ofText("Titre", "Un.\n\nDeux.", "Newsweek"), SourceType.FILE, "a.txt");
        RawArticle fromHttp = factory.create(ArticleValidatorTest.withTitleAndBody(" Titre", "Un. Deux."), SourceType.HTTP, "http");

        assertThat(fromHttp.id()).isEqualTo(fromFile.id());
        assertThat(fromHttp.contentHash()).isEqualTo(fromFile.contentHash());
    }
}
