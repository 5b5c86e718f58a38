package io.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SeedParserTest {

    static final String SEED_FILE = "000_f2058b10de2506b4.txt";
    static final String SEED_TITLE = "Poutine se rend en Biélorussie pour entrainer Loukachenko dans la guerre en Ukraine";

    static byte[] seedBytes() throws IOException {
        try (InputStream in = SeedParserTest.class.getResourceAsStream("/seeds/" + SEED_FILE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theSeedsHeadlineIsItsFirstLine() throws Exception {
        Seed seed = SeedParser.parse(seedBytes(), SEED_FILE);

        assertThat(seed.title()).isEqualTo(SEED_TITLE);
    }

    @Test
    void theSeedsBodyStartsWithTheCaptionThenTheLead() throws Exception {
        Seed seed = SeedParser.parse(seedBytes(), SEED_FILE);

        String[] paragraphs = seed.body().split("\n\n");
        assertThat(paragraphs[0]).isEqualTo("Alexandre Loukachenko et Vladimir Poutine");
        assertThat(paragraphs[1]).startsWith("M. Poutine se rend en Biélorussie pour rencontrer M. Loukachenko")
                .endsWith("des troupes biélorusses en Ukraine.");
        assertThat(paragraphs).hasSize(12);
        assertThat(paragraphs[10]).endsWith("l'agence de presse publique russe RIA Novosti.");
        assertThat(paragraphs[11]).isEqualTo("Source : Newsweek");
    }

    @Test
    void theSeedNamesNewsweekAsItsSource() throws Exception {
        assertThat(SeedParser.parse(seedBytes(), SEED_FILE).sourceName()).isEqualTo("Newsweek");
    }

    @Test
    void theRepeatedHeadlineIsNotBodyTextButTheCreditLineIs() throws Exception {
        Seed seed = SeedParser.parse(seedBytes(), SEED_FILE);

        assertThat(seed.body()).doesNotContain(SEED_TITLE).endsWith("\n\nSource : Newsweek");
    }

    @Test
    void sourceLineMayUseAnyCaseAndNoBreakSpacesAroundTheColon() throws Exception {
        Seed seed = SeedParser.parse("Titre\n\nTexte.\n\nSOURCE\u00A0:\u202FLe Monde\n", "a.txt");

        assertThat(seed.sourceName()).isEqualTo("Le Monde");
        assertThat(seed.body()).isEqualTo("Texte.\n\nSOURCE\u00A0:\u202FLe Monde");
    }

    @Test
    void sourceLineNeedsNoSpacesAtAll() throws Exception {
        assertThat(SeedParser.parse("Title\nText\nsource:Reuters", "a.txt").sourceName()).isEqualTo("Reuters");
    }

    @Test
    void withoutSourceLineTheFileNameIsTheSource() throws Exception {
        Seed seed = SeedParser.parse("Title\n\nText.", "wire-42.txt");

        assertThat(seed.sourceName()).isEqualTo("wire-42.txt");
        assertThat(seed.body()).isEqualTo("Text.");
    }

    @Test
    void aSourceLineBeforeTheEndIsBodyText() throws Exception {
        Seed seed = SeedParser.parse("Title\nSource: a leaked memo\nThe memo says more.", "a.txt");

        assertThat(seed.sourceName()).isEqualTo("a.txt");
        assertThat(seed.body()).isEqualTo("Source: a leaked memo\n\nThe memo says more.");
    }

    @Test
    void everyNonEmptyLineIsAParagraphWhateverTheLineEnds() throws Exception {
        Seed seed = SeedParser.parse("\uFEFF\r\n  Title  \r\nFirst line.\r\nSecond line.\r\r\nThird.", "a.txt");

        assertThat(seed.title()).isEqualTo("Title");
        assertThat(seed.body()).isEqualTo("First line.\n\nSecond line.\n\nThird.");
    }

    @Test
    void aFileWithOnlyAHeadlineHasAnEmptyBody() throws Exception {
        Seed seed = SeedParser.parse("Just a headline\n", "a.txt");

        assertThat(seed.title()).isEqualTo("Just a headline");
        assertThat(seed.body()).isEmpty();
    }

    @Test
    void aBlankFileIsRefused() {
        assertThatThrownBy(() -> SeedParser.parse(" \n\u00A0\n", "a.txt"))
                .isInstanceOf(SeedFormatException.class).hasMessageContaining("no text");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "Biélorussie".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> SeedParser.parse(latin1, "a.txt"))
                .isInstanceOf(SeedFormatException.class).hasMessageContaining("UTF-8");
    }
}
