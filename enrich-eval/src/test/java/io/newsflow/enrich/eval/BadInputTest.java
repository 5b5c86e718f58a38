package io.newsflow.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.enrich.pipeline.EngineObserver;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Language;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;

/**
 * Valid articles that are hard on the engines, through the pipeline as shipped: each is enriched — no engine throws,
 * so the Kafka path publishes it instead of dead-lettering it — well within the service's time-out, with {@code und}
 * where no supported language is there.
 */
class BadInputTest {

    private static ShippedPipeline shipped;
    private static Duration timeout;

    @BeforeAll
    static void loadTheEnginesOnce() {
        shipped = ShippedPipeline.load("test");
        timeout = shipped.settings().timeout();
    }

    @Test
    void anEmptyArticleIsUndeterminedWithNothingFound() {
        EnrichedArticle enriched = enrich("", "");

        assertThat(enriched.language()).isEqualTo(new Language(Language.UNDETERMINED, 0.0));
        assertThat(enriched.entities()).isEmpty();
        assertThat(enriched.topics()).isEmpty();
    }

    @Test
    void aBodyOfControlCharactersAndSymbolsIsUndetermined() {
        String junk = "\u0001\u0002\uFFFD\u0007 ### 0x7f 0x00 %%% \u0000\u001b[0m ".repeat(500);

        EnrichedArticle enriched = enrich("\uFFFD\uFFFD", junk);

        assertThat(enriched.language().code()).isEqualTo(Language.UNDETERMINED);
        assertThat(enriched.entities()).isEmpty();
    }

    @Test
    void textInScriptsNoSupportedLanguageUsesIsUndetermined() {
        for (String text : List.of("中华人民共和国国务院总理今天在北京会见了来访的外国代表团。",
                "التقى رئيس الوزراء اليوم في القاهرة بوفد من الاتحاد الأوروبي لبحث التعاون.",
                "นายกรัฐมนตรีเดินทางไปเยือนกรุงเทพมหานครเพื่อพบปะกับผู้นำทางธุรกิจ",
                "प्रधानमंत्री ने आज नई दिल्ली में विदेशी प्रतिनिधिमंडल से मुलाकात की।")) {
            EnrichedArticle enriched = enrich(text, text + "\n\n" + text);

            assertThat(enriched.language().code()).as(text).isEqualTo(Language.UNDETERMINED);
        }
    }

    @Test
    void aOneMegabyteBodyIsAnalysedUpToTheLimitWithinTheTimeout() {
        String sentence = "Le président Emmanuel Macron a rencontré à Paris la présidente de la Commission européenne. ";
        String body = sentence.repeat(1_048_576 / sentence.length());

        long start = System.nanoTime();
        EnrichedArticle enriched = enrich("Un article très long", body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(enriched.enrichment().truncated()).isTrue();
        assertThat(enriched.language().code()).isEqualTo("fr");
        assertThat(enriched.entities()).isNotEmpty();
        assertThat(took).isLessThan(timeout);
    }

    @Test
    void aMegabyteWithoutSpacesOrOneOfCapitalisedWordsStaysWithinTheTimeout() {
        String oneWord = "Abc".repeat(350_000);
        String capitals = "Aaron Bbbb Cccc Dddd Eeee Ffff Gggg Hhhh Iiii Jjjj ".repeat(20_000);

        for (String body : List.of(oneWord, capitals)) {
            long start = System.nanoTime();
            enrich("Title", body);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout);
        }
    }

    private static EnrichedArticle enrich(String title, String body) {
        RawArticle raw = new RawArticle("00000000-0000-5000-8000-000000000000", null, null, title, body, null,
                List.of(), null, Instant.EPOCH, new Source(SourceType.HTTP, "test", null), "sha256:" + "0".repeat(64));
        return shipped.pipeline().enrich(raw, EngineObserver.NONE);
    }
}
