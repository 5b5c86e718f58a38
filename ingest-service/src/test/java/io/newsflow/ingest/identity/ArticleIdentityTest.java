package io.newsflow.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

class ArticleIdentityTest {

    private static final String TITLE = "Poutine se rend en Biélorussie";
    private static final String BODY = "M. Poutine se rend en Biélorussie.\n\nLe président russe s'y rendra aujourd'hui.";

    @Test
    void namespaceIsTheNameBasedUuidOfNewsflowIo() {
        assertThat(ArticleIdentity.NAMESPACE)
                .isEqualTo(Generators.nameBasedGenerator(NameBasedGenerator.NAMESPACE_DNS).generate("newsflow.io"));
    }

    @Test
    void idIsAVersion5UuidInTheNewsflowNamespace() {
        String id = ArticleIdentity.idOf("https://www.example.org/a", TITLE, BODY);

        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid).isEqualTo(Generators.nameBasedGenerator(ArticleIdentity.NAMESPACE).generate("https://www.example.org/a"));
    }

    // Ids are stored downstream: any change to the normalisation or namespace would split one article into two.
    @Test
    void idsDoNotChangeBetweenReleases() {
        assertThat(ArticleIdentity.idOf("https://www.example.org/monde/poutine-bielorussie", null, null))
                .isEqualTo("60b3b9dd-74e2-50a0-8643-b4ef698bb107");
    }

    @Test
    void theCanonicalUrlIdentifiesTheArticleWhateverItsSpellingAndText() {
        String id = ArticleIdentity.idOf("https://www.example.org/monde/poutine", TITLE, BODY);

        assertThat(ArticleIdentity.idOf("HTTPS://WWW.Example.ORG:443/monde/poutine#comments", "Autre titre", "Autre texte"))
                .isEqualTo(id);
    }

    @Test
    void urlsThatDifferInPathOrQueryAreDifferentArticles() {
        String id = ArticleIdentity.idOf("https://www.example.org/monde/poutine", TITLE, BODY);

        assertThat(ArticleIdentity.idOf("https://www.example.org/monde/Poutine", TITLE, BODY)).isNotEqualTo(id);
        assertThat(ArticleIdentity.idOf("https://www.example.org/monde/poutine?page=2", TITLE, BODY)).isNotEqualTo(id);
        assertThat(ArticleIdentity.idOf("http://www.example.org/monde/poutine", TITLE, BODY)).isNotEqualTo(id);
    }

    @Test
    void withoutCanonicalUrlTheSameWordsGiveTheSameIdWhateverTheLayout() {
        String id = ArticleIdentity.idOf(null, TITLE, BODY);
        String decomposed = Normalizer.normalize(TITLE, Normalizer.Form.NFD);
        String relaidOut = "  M. Poutine se rend en\u00A0Biélorussie.\r\n Le président russe s'y rendra\taujourd'hui.  ";

        assertThat(decomposed).isNotEqualTo(TITLE);
        assertThat(ArticleIdentity.idOf(null, "\n" + decomposed + "  ", relaidOut)).isEqualTo(id);
    }

    @Test
    void withoutCanonicalUrlDifferentWordsGiveDifferentIds() {
        String id = ArticleIdentity.idOf(null, TITLE, BODY);

        assertThat(ArticleIdentity.idOf(null, TITLE, BODY + " Ajout.")).isNotEqualTo(id);
        assertThat(ArticleIdentity.idOf(null, TITLE + " !", BODY)).isNotEqualTo(id);
    }

    @Test
    void wordsMovedBetweenTitleAndBodyMakeAnotherArticle() {
        assertThat(ArticleIdentity.idOf(null, "Alpha beta", "gamma"))
                .isNotEqualTo(ArticleIdentity.idOf(null, "Alpha", "beta gamma"));
    }

    @Test
    void urlNormalisationLowersSchemeAndHostDropsDefaultPortAndFragment() {
        assertThat(ArticleIdentity.normaliseUrl("HTTP://News.Example.COM:80/World/Story?id=7#top"))
                .isEqualTo("http://news.example.com/World/Story?id=7");
        assertThat(ArticleIdentity.normaliseUrl("https://news.example.com:443")).isEqualTo("https://news.example.com/");
    }

    @Test
    void urlNormalisationKeepsPortsThatAreNotTheSchemeDefault() {
        assertThat(ArticleIdentity.normaliseUrl("https://news.example.com:8443/a")).isEqualTo("https://news.example.com:8443/a");
        assertThat(ArticleIdentity.normaliseUrl("http://news.example.com:443/a")).isEqualTo("http://news.example.com:443/a");
    }

    @Test
    void urlNormalisationPercentEncodesNonAsciiCharacters() {
        assertThat(ArticleIdentity.normaliseUrl("https://example.org/société"))
                .isEqualTo("https://example.org/soci%C3%A9t%C3%A9");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> ArticleIdentity.normaliseUrl("ftp://example.org/a")).hasMessageContaining("http");
        assertThatThrownBy(() -> ArticleIdentity.normaliseUrl("/monde/poutine")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ArticleIdentity.normaliseUrl("https://exa mple.org/")).hasMessageContaining("not a valid URL");
    }

    @Test
    void textNormalisationComposesCollapsesAndTrims() {
        assertThat(ArticleIdentity.normaliseText(" Bie\u0301lorussie\u00A0\u202F et\n\nUkraine\t")).isEqualTo("Biélorussie et Ukraine");
        assertThat(ArticleIdentity.normaliseText(null)).isEmpty();
    }

    @Test
    void contentHashIsSha256OfTheNormalisedText() {
        String hash = ArticleIdentity.contentHash(TITLE, BODY);

        assertThat(hash).matches("sha256:[0-9a-f]{64}");
        assertThat(ArticleIdentity.contentHash(" " + TITLE, BODY.replace("\n\n", " "))).isEqualTo(hash);
        assertThat(ArticleIdentity.contentHash(TITLE, BODY + " Mise à jour.")).isNotEqualTo(hash);
    }

    @Test
    void contentHashOfEmptyTitleAndBodyIsTheHashOfTheSeparator() {
        // sha256("\n"): the hash input is the normalised title, a line break and the normalised body.
        assertThat(ArticleIdentity.contentHash(null, null))
                .isEqualTo("sha256:01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b");
    }

    @Test
    void trackingParametersAndTheFragmentAreNotPartOfTheCanonicalUrl() {
        assertThat(ArticleIdentity.withoutTracking(
                "https://News.example.org/story?id=7&utm_source=rss&UTM_Medium=feed&fbclid=abc&gclid=x&page=2#comments"))
                .isEqualTo("https://news.example.org/story?id=7&page=2");
        assertThat(ArticleIdentity.withoutTracking("https://news.example.org/story?utm_campaign=x"))
                .isEqualTo("https://news.example.org/story");
    }
}
