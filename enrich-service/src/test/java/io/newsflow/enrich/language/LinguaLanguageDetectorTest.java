package io.newsflow.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import io.newsflow.enrich.Seeds;
import io.newsflow.enrich.ShippedSettings;
import io.newsflow.events.Language;

class LinguaLanguageDetectorTest {

    private static LinguaLanguageDetector detector;

    @BeforeAll
    static void loadModelsOnce() {
        detector = new LinguaLanguageDetector(ShippedSettings.languages(), ShippedSettings.minConfidence(),
                ShippedSettings.languageMaxChars());
    }

    @Test
    void theFrenchSeedIsFrenchWithHighConfidence() {
        Language language = detector.detect(Seeds.read(Seeds.FRENCH));

        assertThat(language.code()).isEqualTo("fr");
        // Lingua's relative distance from the runner-up is 0.24 over 150 words: practically certain.
        assertThat(language.confidence()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void ukrainianAndRussianParagraphsAreToldApart() {
        EvalSet paragraphs = EvalSet.load("eval/langid-paragraphs.tsv");
        String ukrainian = paragraphs.firstTextIn("uk");
        String russian = paragraphs.firstTextIn("ru");

        Language uk = detector.detect(ukrainian);
        Language ru = detector.detect(russian);

        assertThat(uk.code()).isEqualTo("uk");
        assertThat(ru.code()).isEqualTo("ru");
        assertThat(uk.confidence()).isGreaterThanOrEqualTo(ShippedSettings.minConfidence());
        assertThat(ru.confidence()).isGreaterThanOrEqualTo(ShippedSettings.minConfidence());
    }

    @Test
    void onlyTheBeginningOfALongTextIsAnalysed() {
        String french = Seeds.read(Seeds.FRENCH);
        String longText = french + "\n\n" + "Das ist ein deutscher Satz, der nach dem Anfang steht. ".repeat(2_000);

        LinguaLanguageDetector.Scored scored = detector.score(longText);

        assertThat(scored.language()).isEqualTo("fr");
        assertThat(scored.words()).isLessThanOrEqualTo(ShippedSettings.languageMaxChars() / 2);
    }

    @Test
    void anEmptyTextIsUndeterminedWithNoConfidence() {
        assertThat(detector.detect("")).isEqualTo(new Language(Language.UNDETERMINED, 0.0));
        assertThat(detector.detect(" \n\n ")).isEqualTo(new Language(Language.UNDETERMINED, 0.0));
    }

    @Test
    void aTextWithoutLettersIsUndetermined() {
        assertThat(detector.detect("2024-05-01 12:30 +++ 42 %").code()).isEqualTo(Language.UNDETERMINED);
    }

    @Test
    void aTitleTooCloseToCallIsUndeterminedButKeepsItsConfidence() {
        // Portuguese headline that Lingua ranks Spanish first by a hair (relative distance 0.008, calibrated 0.746);
        // reporting "es" would be wrong.
        Language language = detector.detect("Putin viaja à Bielorrússia para arrastar Lukashenko para a guerra");

        assertThat(language.code()).isEqualTo(Language.UNDETERMINED);
        assertThat(language.confidence()).isGreaterThan(0.0).isLessThan(ShippedSettings.minConfidence());
    }

    @Test
    void aLetterOnlyOneCandidateUsesSettlesTheLanguage() {
        // "ї" is written in Ukrainian only: Lingua's rules leave a single candidate.
        Language language = detector.detect("Київ");

        assertThat(language.code()).isEqualTo("uk");
        assertThat(language.confidence()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void anUnknownLanguageCodeIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new LinguaLanguageDetector(List.of("en", "xx", "FR"), 0.05, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsflow.enrich.languages")
                .hasMessageContaining("'xx'")
                .hasMessageNotContaining("'FR'");
    }

    @Test
    void fewerThanTwoLanguagesAreRefused() {
        assertThatThrownBy(() -> new LinguaLanguageDetector(List.of("en", "EN"), 0.05, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two");
    }

    @Test
    void aMinimumConfidenceOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new LinguaLanguageDetector(List.of("en", "fr"), 1.5, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newsflow.enrich.min-confidence");
    }

    @Test
    void theReportedEngineVersionIsTheLinguaOnTheClasspath() throws URISyntaxException {
        Path linguaJar = Path.of(LanguageDetectorBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(detector.engine().name()).isEqualTo("lingua");
        assertThat(linguaJar.getFileName().toString()).isEqualTo("lingua-" + detector.engine().version() + ".jar");
    }

    @Test
    void oneDetectorGivesTheSameAnswersToManyThreadsAtOnce() throws Exception {
        List<String> texts = new ArrayList<>();
        EvalSet.load("eval/langid-titles.tsv").samples().forEach(s -> texts.add(s.text()));
        EvalSet.load("eval/langid-paragraphs.tsv").samples().forEach(s -> texts.add(s.text()));
        List<Language> sequential = texts.stream().map(detector::detect).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Language>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> texts.stream().map(detector::detect).toList()));
            }
            for (Future<List<Language>> run : runs) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
