package io.newsflow.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ArticleValidatorTest {

    static ArticleSubmission complete() {
        return new ArticleSubmission("https://www.example.org/monde/poutine?utm=rss", "https://www.example.org/monde/poutine",
                "Poutine se rend en Biélorussie", "M. Poutine se rend en Biélorussie.\n\nLe président russe...",
                "Visite à Minsk.", List.of("Rédaction", "AFP"), "2022-12-19T09:30:00+01:00", "Newsweek");
    }

    static ArticleSubmission withTitleAndBody(String title, String body) {
        return new ArticleSubmission(null, null, title, body, null, List.of(), null, null);
    }

    private static List<String> fields(ArticleSubmission submission) {
        return ArticleValidator.validate(submission).stream().map(Violation::field).toList();
    }

    @Test
    void aCompleteArticleIsValid() {
        assertThat(ArticleValidator.validate(complete())).isEmpty();
    }

    @Test
    void aTitleAloneOrABodyAloneIsEnough() {
        assertThat(ArticleValidator.validate(withTitleAndBody("Headline", null))).isEmpty();
        assertThat(ArticleValidator.validate(withTitleAndBody(null, "Text"))).isEmpty();
    }

    @Test
    void anArticleWithNeitherTitleNorBodyIsRefused() {
        assertThat(fields(withTitleAndBody(null, null))).containsExactly("title");
        assertThat(fields(withTitleAndBody(" \u00A0", "\n\n"))).containsExactly("title");
    }

    @Test
    void theTitleMayHaveAThousandCharactersAndNoMore() {
        assertThat(ArticleValidator.validate(withTitleAndBody("t".repeat(1000), null))).isEmpty();

        List<Violation> violations = ArticleValidator.validate(withTitleAndBody("t".repeat(1001), null));
        assertThat(violations).extracting(Violation::field).containsExactly("title");
        assertThat(violations.get(0).message()).contains("1001").contains("1000");
    }

    @Test
    void theBodyMayHaveAMillionCharactersAndNoMore() {
        assertThat(ArticleValidator.validate(withTitleAndBody("t", "b".repeat(1_000_000)))).isEmpty();
        assertThat(fields(withTitleAndBody("t", "b".repeat(1_000_001)))).containsExactly("body");
    }

    @Test
    void urlsMustBeAbsoluteHttpUrls() {
        for (String bad : List.of("ftp://example.org/a", "/monde/poutine", "www.example.org/a", "https://exa mple.org/", "mailto:a@b.c")) {
            ArticleSubmission submission = new ArticleSubmission(bad, bad, "t", null, null, List.of(), null, null);
            assertThat(fields(submission)).as(bad).containsExactly("url", "canonicalUrl");
        }
    }

    @Test
    void urlsMayHaveUpTo2048Characters() {
        String base = "https://example.org/";
        String longest = base + "a".repeat(2048 - base.length());
        assertThat(ArticleValidator.validate(new ArticleSubmission(longest, longest, "t", null, null, List.of(), null, null))).isEmpty();

        String tooLong = longest + "a";
        assertThat(fields(new ArticleSubmission(tooLong, null, "t", null, null, List.of(), null, null))).containsExactly("url");
    }

    @Test
    void publishedAtMustBeAnIsoDateTimeWithOffset() {
        for (String good : List.of("2022-12-19T08:30:00Z", "2022-12-19T09:30:00+01:00", "2022-12-19T08:30:00.123456Z")) {
            assertThat(ArticleValidator.validate(new ArticleSubmission(null, null, "t", null, null, List.of(), good, null))).as(good).isEmpty();
        }
        for (String bad : List.of("2022-12-19T08:30:00", "2022-12-19", "yesterday", "19/12/2022 08:30", "+10000-01-01T00:00:00Z")) {
            assertThat(fields(new ArticleSubmission(null, null, "t", null, null, List.of(), bad, null))).as(bad).containsExactly("publishedAt");
        }
    }

    @Test
    void authorsMustBeNamedAndAtMostAHundred() {
        assertThat(fields(new ArticleSubmission(null, null, "t", null, null, List.of("AFP", " ", "x".repeat(301)), null, null)))
                .containsExactly("authors[1]", "authors[2]");
        assertThat(fields(new ArticleSubmission(null, null, "t", null, null, Collections.nCopies(101, "AFP"), null, null)))
                .containsExactly("authors");
    }

    @Test
    void aNamedSourceMustHaveANameOfAtMost300Characters() {
        assertThat(fields(new ArticleSubmission(null, null, "t", null, null, List.of(), null, "  "))).containsExactly("source.name");
        assertThat(fields(new ArticleSubmission(null, null, "t", null, null, List.of(), null, "s".repeat(301)))).containsExactly("source.name");
    }

    @Test
    void theSummaryMayHaveTenThousandCharacters() {
        assertThat(fields(new ArticleSubmission(null, null, "t", null, "s".repeat(10_001), List.of(), null, null))).containsExactly("summary");
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        ArticleSubmission submission = new ArticleSubmission("nope", "ftp://x", null, null, null, List.of(""), "later", "");

        assertThat(fields(submission)).containsExactly("url", "canonicalUrl", "title", "authors[0]", "publishedAt", "source.name");
    }

    @Test
    void textWithANulOrAnUnpairedSurrogateIsRefused() {
        assertThat(fields(withTitleAndBody("Head\u0000line", null))).containsExactly("title");
        assertThat(fields(withTitleAndBody("Headline", "Body \ud800 text"))).containsExactly("body");
        assertThat(fields(withTitleAndBody("Headline", "ends high \ud83d"))).containsExactly("body");
        assertThat(fields(withTitleAndBody("low first \ude00\ud83d", null))).containsExactly("title");
        assertThat(ArticleValidator.validate(withTitleAndBody("Emoji \ud83d\ude00 are fine", null))).isEmpty();
    }
}
