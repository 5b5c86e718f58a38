package io.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;

class ArticleTextTest {

    @Test
    void titleAndBodyAreJoinedByABlankLine() {
        ArticleText text = ArticleText.of(article("Headline", "First paragraph."), 1000);

        assertThat(text.text()).isEqualTo("Headline\n\nFirst paragraph.");
        assertThat(text.truncated()).isFalse();
    }

    @Test
    void aTextLongerThanTheLimitIsCutToTheLimitAndFlagged() {
        ArticleText text = ArticleText.of(article("Headline", "abcdefghij"), 15);

        assertThat(text.text()).isEqualTo("Headline\n\nabcde");
        assertThat(text.truncated()).isTrue();
    }

    @Test
    void aTextExactlyAtTheLimitIsNotFlagged() {
        ArticleText text = ArticleText.of(article("Headline", "abcdefghij"), 20);

        assertThat(text.text()).hasSize(20);
        assertThat(text.truncated()).isFalse();
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // "😀" is one code point stored as two chars; a limit falling between them drops the whole code point.
        ArticleText text = ArticleText.of(article("ab", "😀😀"), 5);

        assertThat(text.text()).isEqualTo("ab\n\n");
        assertThat(text.truncated()).isTrue();
    }

    @Test
    void aLimitBelowOneCharacterIsRefused() {
        assertThatThrownBy(() -> ArticleText.of(article("Headline", "Body"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxChars");
    }

    private static RawArticle article(String title, String body) {
        return new RawArticle("6f1c2b9e-3d4a-5b8c-9e21-4a7f0d3c5e18", null, null, title, body, null, List.of(), null,
                Instant.parse("2024-01-01T00:00:00Z"), new Source(SourceType.HTTP, "test", null),
                "sha256:" + "0".repeat(64));
    }
}
