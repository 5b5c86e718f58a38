package io.newsflow.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

public class HtmlArticleExtractorTest {

    public static byte[] fixture(String name) throws IOException {
        try (InputStream in = HtmlArticleExtractorTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theStoryIsExtractedWithoutNavigationAdsOrFooter() throws Exception {
        ExtractedArticle page = HtmlArticleExtractor.extract(fixture("story-1.html"), "text/html; charset=utf-8",
                "https://coastal.example/news/harbour-reopens?utm_source=rss");

        assertThat(page.text())
                .startsWith("The port authority reopened the harbour on Tuesday morning")
                .contains("Forecasters expect calmer weather")
                .doesNotContain("Subscribe now")
                .doesNotContain("Gizmo 3000")
                .doesNotContain("All rights reserved");
        assertThat(page.text().split("\n\n")).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void jsonLdGivesHeadlineAuthorsAndDateBeforeOpenGraph() throws Exception {
        ExtractedArticle page = HtmlArticleExtractor.extract(fixture("story-1.html"), null, "https://coastal.example/x");

        assertThat(page.title()).isEqualTo("Harbour reopens after three-day storm");
        assertThat(page.authors()).containsExactly("Maria Lindqvist", "Tom Okafor");
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-03-05T07:15:00Z"));
    }

    @Test
    void theCanonicalLinkIsResolvedAgainstThePageUrl() throws Exception {
        ExtractedArticle page = HtmlArticleExtractor.extract(fixture("story-1.html"), null, "https://coastal.example/a/b?c=d");

        assertThat(page.canonicalUrl()).isEqualTo("https://coastal.example/news/harbour-reopens");
    }

    @Test
    void openGraphAndMetaTagsServeWhenThereIsNoJsonLd() throws Exception {
        ExtractedArticle page = HtmlArticleExtractor.extract(fixture("story-2.html"), null, "https://city.example/library");

        assertThat(page.title()).isEqualTo("City library extends its opening hours");
        assertThat(page.authors()).containsExactly("Jonas Berg");
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-03-06T10:00:00Z"));
        assertThat(page.canonicalUrl()).isNull();
        assertThat(page.text()).contains("stay open until ten in the evening").doesNotContain("SPONSORED")
                .doesNotContain("Terms of use");
    }

    @Test
    void jsonLdInsideAGraphIsFound() throws Exception {
        ExtractedArticle page = HtmlArticleExtractor.extract(fixture("story-3.html"), null, "https://valley.example/rail");

        assertThat(page.title()).isEqualTo("Rail line to the valley reopens in May");
        assertThat(page.authors()).containsExactly("Ana Ruiz");
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2024-03-07T06:30:00Z"));
        assertThat(page.text()).contains("eighteen months of repairs").doesNotContain("newsletter");
    }

    @Test
    void theEncodingComesFromTheHeaderThenTheMetaTag() {
        String html = "<html><head><meta charset=\"iso-8859-1\"><title>Biélorussie</title></head>"
                + "<body><article><p>Le président se rend à Minsk.</p></article></body></html>";
        byte[] latin1 = html.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(HtmlArticleExtractor.extract(latin1, null, null).title()).isEqualTo("Biélorussie");
        assertThat(HtmlArticleExtractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", null).title())
                .isEqualTo("Biélorussie");
    }

    @Test
    void invalidBytesAreReplacedNotFatal() {
        byte[] broken = {'<', 'p', '>', 'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, '<', '/', 'p', '>'};

        ExtractedArticle page = HtmlArticleExtractor.extract(broken, "text/html; charset=utf-8", null);

        assertThat(page.text()).contains("ok").contains("\uFFFD");
    }

    @Test
    void datesInTheFormsPagesUseAreRead() {
        assertThat(HtmlArticleExtractor.parseDate("2024-03-05T08:15:00+01:00")).isEqualTo(Instant.parse("2024-03-05T07:15:00Z"));
        assertThat(HtmlArticleExtractor.parseDate("2024-03-05T08:15:00")).isEqualTo(Instant.parse("2024-03-05T08:15:00Z"));
        assertThat(HtmlArticleExtractor.parseDate("2024-03-05")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(HtmlArticleExtractor.parseDate("Tue, 5 Mar 2024 08:15:00 GMT")).isEqualTo(Instant.parse("2024-03-05T08:15:00Z"));
        assertThat(HtmlArticleExtractor.parseDate("last Tuesday")).isNull();
    }
}
