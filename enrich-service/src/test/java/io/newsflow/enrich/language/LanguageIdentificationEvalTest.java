package io.newsflow.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.enrich.ShippedSettings;
import io.newsflow.events.Language;

/**
 * Runs the language-identification evaluation set (120 headlines, 30 lead paragraphs, ten languages) through the
 * detector as shipped and prints accuracy and per-language precision / recall / F1. The floors are what was measured
 * when the settings were chosen: a change that loses accuracy, or that starts giving confident wrong answers, fails.
 */
class LanguageIdentificationEvalTest {

    // Measured with Lingua 1.2.2, high accuracy, the ten default languages and min-confidence 0.75 (calibrated):
    // titles 119/120 right, 1 "und" (a Portuguese headline Lingua ranks Spanish by 0.008, calibrated 0.746), 0 wrong;
    // paragraphs 30/30.
    private static final int TITLES_RIGHT_FLOOR = 119;
    private static final int PARAGRAPHS_RIGHT_FLOOR = 30;
    private static final int WRONG_CEILING = 0;

    private static LinguaLanguageDetector detector;

    @BeforeAll
    static void loadModelsOnce() {
        detector = new LinguaLanguageDetector(ShippedSettings.languages(), ShippedSettings.minConfidence(),
                ShippedSettings.languageMaxChars());
    }

    @Test
    void headlinesAreIdentifiedAtLeastAsWellAsMeasured() {
        Score score = evaluate(EvalSet.load("eval/langid-titles.tsv"));

        assertThat(score.right).as("titles identified correctly").isGreaterThanOrEqualTo(TITLES_RIGHT_FLOOR);
        assertThat(score.wrong).as("titles given a wrong language").isLessThanOrEqualTo(WRONG_CEILING);
    }

    @Test
    void leadParagraphsAreIdentifiedAtLeastAsWellAsMeasured() {
        Score score = evaluate(EvalSet.load("eval/langid-paragraphs.tsv"));

        assertThat(score.right).as("paragraphs identified correctly").isGreaterThanOrEqualTo(PARAGRAPHS_RIGHT_FLOOR);
        assertThat(score.wrong).as("paragraphs given a wrong language").isLessThanOrEqualTo(WRONG_CEILING);
    }

    private static Score evaluate(EvalSet set) {
        Score score = new Score();
        long nanos = 0;
        for (EvalSet.Sample sample : set.samples()) {
            long start = System.nanoTime();
            Language detected = detector.detect(sample.text());
            nanos += System.nanoTime() - start;
            score.add(sample.language(), detected.code());
        }
        System.out.println(score.report(set.name(), nanos / 1e6 / set.samples().size()));
        return score;
    }

    private static final class Score {
        int right;
        int wrong;
        int undetermined;
        final Map<String, int[]> perLanguage = new TreeMap<>(); // gold count, predicted count, true positives

        void add(String gold, String predicted) {
            perLanguage.computeIfAbsent(gold, k -> new int[3])[0]++;
            if (Language.UNDETERMINED.equals(predicted)) {
                undetermined++;
                return;
            }
            perLanguage.computeIfAbsent(predicted, k -> new int[3])[1]++;
            if (gold.equals(predicted)) {
                right++;
                perLanguage.get(gold)[2]++;
            } else {
                wrong++;
            }
        }

        String report(String name, double millisPerText) {
            int total = right + wrong + undetermined;
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%s: accuracy %d/%d = %.4f (wrong %d, und %d), %.2f ms per text%n",
                    name, right, total, (double) right / total, wrong, undetermined, millisPerText));
            out.append("lang  precision  recall  F1\n");
            perLanguage.forEach((language, counts) -> {
                double precision = counts[1] == 0 ? 0 : (double) counts[2] / counts[1];
                double recall = counts[0] == 0 ? 0 : (double) counts[2] / counts[0];
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                out.append(String.format(Locale.ROOT, "%-4s  %9.3f  %6.3f  %.3f%n", language, precision, recall, f1));
            });
            return out.toString();
        }
    }
}
