package io.newsflow.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;

class CorpusGeneratorTest {

    @Test
    void sameSeedGivesTheSameCorpusAndAnotherSeedAnother() {
        List<BenchArticle> first = new CorpusGenerator(42, LanguagePacks.codes(), 600).generate(50);
        List<BenchArticle> again = new CorpusGenerator(42, LanguagePacks.codes(), 600).generate(50);
        List<BenchArticle> other = new CorpusGenerator(43, LanguagePacks.codes(), 600).generate(50);

        assertThat(again).isEqualTo(first);
        assertThat(other.stream().map(BenchArticle::title).toList())
                .doesNotContainAnyElementsOf(first.stream().map(BenchArticle::title).toList().subList(0, 10));
    }

    @Test
    void aLongerCorpusStartsWithTheShorterOne() {
        List<BenchArticle> shorter = new CorpusGenerator(7, List.of("en", "ru"), 600).generate(20);
        List<BenchArticle> longer = new CorpusGenerator(7, List.of("en", "ru"), 600).generate(100);

        assertThat(longer.subList(0, 20)).isEqualTo(shorter);
    }

    @Test
    void articlesAreAboutTheRequestedLengthInParagraphs() {
        List<BenchArticle> corpus = new CorpusGenerator(1, LanguagePacks.codes(), 600).generate(120);

        assertThat(corpus).allSatisfy(article -> {
            assertThat(article.words()).isBetween(480, 760);
            assertThat(article.body().split("\n\n")).hasSizeGreaterThan(3);
            assertThat(article.body()).doesNotContain("{").doesNotContain("}");
            assertThat(article.title()).doesNotContain("{").isNotBlank();
        });
        double average = corpus.stream().mapToInt(BenchArticle::words).average().orElseThrow();
        assertThat(average).isBetween(560.0, 640.0);
        assertThat(new CorpusGenerator(1, List.of("de"), 200).generate(10))
                .allSatisfy(article -> assertThat(article.words()).isBetween(150, 260));
    }

    @Test
    void languagesTakeTurnsInTheRequestedMix() {
        List<BenchArticle> corpus = new CorpusGenerator(3, List.of("fr", "de", "ru"), 300).generate(31);

        Map<String, Long> byLanguage = corpus.stream()
                .collect(Collectors.groupingBy(BenchArticle::language, Collectors.counting()));
        assertThat(byLanguage).containsOnly(Map.entry("fr", 11L), Map.entry("de", 10L), Map.entry("ru", 10L));
        assertThat(corpus.get(0).language()).isEqualTo("fr");
        assertThat(corpus.get(2).body()).containsPattern("[а-яё]{4,}");
        assertThat(corpus.get(1).body()).containsAnyOf(" der ", " die ", " das ", " und ");
    }

    @Test
    void everyTitleIsUniqueSoEveryArticleHasItsOwnId() {
        List<BenchArticle> corpus = new CorpusGenerator(5, List.of("en"), 60).generate(5000);

        assertThat(new HashSet<>(corpus.stream().map(BenchArticle::title).toList())).hasSize(5000);
        assertThat(corpus.stream().map(a -> a.rawArticle(Instant.EPOCH).id()).distinct()).hasSize(5000);
    }

    @Test
    void articlesNameTheirCastRepeatedly() {
        BenchArticle article = new CorpusGenerator(11, List.of("en"), 600).generate(1).get(0);
        LanguagePack english = LanguagePacks.get("en");

        Map<String, Long> surnameMentions = english.lastNames().stream()
                .collect(Collectors.toMap(Function.identity(), name -> count(article.body(), name)));
        assertThat(surnameMentions.values().stream().filter(n -> n >= 3)).isNotEmpty();
        assertThat(english.places().stream().filter(place -> count(article.body(), place) >= 3)).isNotEmpty();
        assertThat(english.organisations().stream().filter(org -> count(article.body(), org) >= 2)).isNotEmpty();
    }

    @Test
    void rawArticleOfTheCorpusIsAValidRawEvent() {
        BenchArticle article = new CorpusGenerator(2, List.of("es"), 600).generate(1).get(0);

        JsonNode event = EventCodec.toTree(article.rawArticle(Instant.parse("2026-11-24T10:00:00Z")));

        assertThat(EventSchema.RAW_ARTICLE.violations(event)).isEmpty();
        assertThat(event.path("title").asText()).isEqualTo(article.title());
        assertThat(article.ingestRequest()).containsEntry("body", article.body())
                .containsEntry("source", Map.of("name", BenchArticle.SOURCE_NAME));
        assertThat(article.ingestRequest(BenchArticle.WARM_UP_SOURCE_NAME))
                .containsEntry("source", Map.of("name", BenchArticle.WARM_UP_SOURCE_NAME));
    }

    @Test
    void aLongerCorpusStartsWithTheShorterOneSoTheWarmUpNeverChangesTheMeasuredArticles() {
        List<BenchArticle> corpus = new CorpusGenerator(7, List.of("en", "fr"), 120).generate(20);
        List<BenchArticle> withWarmUp = new CorpusGenerator(7, List.of("en", "fr"), 120).generate(30);

        assertThat(withWarmUp.subList(0, 20)).isEqualTo(corpus);
        assertThat(withWarmUp.subList(20, 30)).extracting(BenchArticle::title)
                .doesNotContainAnyElementsOf(corpus.stream().map(BenchArticle::title).toList());
    }

    @Test
    void noSentenceFollowsItself() {
        List<BenchArticle> corpus = new CorpusGenerator(13, LanguagePacks.codes(), 600).generate(60);

        assertThat(corpus).allSatisfy(article -> {
            String[] sentences = article.body().replace("\n\n", " ").split("(?<=[.!?]) ");
            for (int i = 1; i < sentences.length; i++) {
                assertThat(sentences[i]).as("sentence %d of %s", i, article.title()).isNotEqualTo(sentences[i - 1]);
            }
        });
    }

    @Test
    void unknownLanguageIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> new CorpusGenerator(1, List.of("en", "xx"), 600))
                .hasMessageContaining("'xx'").hasMessageContaining("en,fr,de,es,it,ru");
    }

    private static long count(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1L;
    }
}
