package io.newsflow.enrich.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.language.LanguageCalibrationModel;
import io.newsflow.enrich.language.LinguaLanguageDetector;

/**
 * {@code ./newsflow eval --calibrate-language}: fits the model that turns Lingua's relative distance between the best
 * and the second language into a probability that the answer is right ({@link LanguageCalibrationModel}).
 *
 * <p>The texts are the project's own — the hand-written headlines, paragraphs and articles of
 * {@code enrich-service/src/test/resources/eval} — never the public development sets, which only measure the result. From each text, windows of 1 to 40 words at seeded random places make texts as short as
 * real headlines and fragments (where Lingua errs) and as long as leads; each window's distance, word count and
 * whether the answer was right are the observations. A logistic regression on {@link
 * LanguageCalibrationModel#evidence}, fitted by Newton's method, gives the two coefficients to ship, with their
 * log-loss on texts left out of the fit (two folds by text); a reliability table of the fitted probabilities is
 * printed beside them.
 */
public final class LanguageCalibration {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’-]*");
    private static final int[] WINDOWS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40};
    private static final int PLACES_PER_WINDOW = 6;
    private static final long SEED = 20261204L;

    private LanguageCalibration() {
    }

    /** One window: the detector's raw distance, the words it had, and whether its first choice was right. */
    record Observation(double distance, int words, boolean right, int text) {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        EnrichConfig config = ShippedPipeline.config();
        LinguaLanguageDetector detector = new LinguaLanguageDetector(config.languages(), 0.0,
                config.language().maxChars());
        List<Text> texts = texts(root);
        List<Observation> observations = observe(detector, texts);
        double[] coefficients = fit(observations);
        LanguageCalibrationModel model = new LanguageCalibrationModel(coefficients[0], coefficients[1]);
        out.printf(Locale.ROOT, "%d texts of the project's own, %d windows of 1-%d words, %d answered wrongly%n",
                texts.size(), observations.size(), WINDOWS[WINDOWS.length - 1],
                observations.stream().filter(o -> !o.right()).count());
        out.printf(Locale.ROOT, "p(right) = 1 / (1 + exp(-(%.4f + %.4f * sqrt(distance * words))))%n",
                coefficients[0], coefficients[1]);
        out.printf(Locale.ROOT, "log-loss on texts left out of the fit: %.4f (the shipped model: %.4f)%n",
                heldOutLogLoss(observations), logLoss(observations, LanguageCalibrationModel.SHIPPED));
        out.println("fitted probability   windows   right");
        int[] count = new int[10];
        int[] right = new int[10];
        double[] sum = new double[10];
        for (Observation o : observations) {
            double p = model.probability(o.distance(), o.words());
            int bucket = Math.min(9, (int) (p * 10));
            count[bucket]++;
            sum[bucket] += p;
            if (o.right()) {
                right[bucket]++;
            }
        }
        for (int i = 0; i < 10; i++) {
            if (count[i] > 0) {
                out.printf(Locale.ROOT, "  %.1f-%.1f (mean %.3f) %7d   %.3f%n", i / 10.0, (i + 1) / 10.0,
                        sum[i] / count[i], count[i], (double) right[i] / count[i]);
            }
        }
    }

    record Text(String language, String text) {
    }

    /** The project's own texts: the language set's lines and the entity articles. */
    static List<Text> texts(Path root) {
        Path eval = root.resolve("enrich-service/src/test/resources/eval");
        List<Text> texts = new ArrayList<>();
        for (String file : List.of("langid-titles.tsv", "langid-paragraphs.tsv")) {
            for (String line : read(eval.resolve(file))) {
                String[] fields = line.split("\t", 2);
                if (fields.length == 2 && !line.startsWith("#")) {
                    texts.add(new Text(fields[0], fields[1]));
                }
            }
        }
        for (Path article : list(eval.resolve("ner"))) {
            String name = article.getFileName().toString();
            if (name.endsWith(".txt")) {
                texts.add(new Text(name.substring(0, name.length() - 4), String.join("\n", read(article))));
            }
        }
        return texts;
    }

    static List<Observation> observe(LinguaLanguageDetector detector, List<Text> texts) {
        Random random = new Random(SEED);
        List<Observation> observations = new ArrayList<>();
        for (Text text : texts) {
            List<String> words = new ArrayList<>();
            Matcher matcher = WORD.matcher(text.text());
            while (matcher.find()) {
                words.add(matcher.group());
            }
            for (int window : WINDOWS) {
                if (window > words.size()) {
                    break;
                }
                int places = window == words.size() ? 1 : PLACES_PER_WINDOW;
                for (int i = 0; i < places; i++) {
                    int start = random.nextInt(words.size() - window + 1);
                    String sample = String.join(" ", words.subList(start, start + window));
                    LinguaLanguageDetector.Scored scored = detector.score(sample);
                    if (scored != null) {
                        observations.add(new Observation(scored.distance(), scored.words(),
                                scored.language().equals(text.language()), texts.indexOf(text)));
                    }
                }
            }
        }
        return observations;
    }

    /** Two folds by text: fitted on the texts of one parity, scored on the others. */
    static double heldOutLogLoss(List<Observation> observations) {
        double sum = 0;
        for (int fold = 0; fold < 2; fold++) {
            int left = fold;
            double[] b = fit(observations.stream().filter(o -> o.text() % 2 != left).toList());
            List<Observation> test = observations.stream().filter(o -> o.text() % 2 == left).toList();
            sum += logLoss(test, new LanguageCalibrationModel(b[0], b[1])) * test.size();
        }
        return sum / observations.size();
    }

    static double logLoss(List<Observation> observations, LanguageCalibrationModel model) {
        double sum = 0;
        for (Observation o : observations) {
            double p = Math.min(1 - 1e-9, Math.max(1e-9, model.probability(o.distance(), o.words())));
            sum -= o.right() ? Math.log(p) : Math.log(1 - p);
        }
        return sum / observations.size();
    }

    /**
     * Logistic regression of rightness on (1, evidence) by Newton's method. Two coefficients fitted once,
     * offline, on a few thousand observations: a general-purpose library would add a large dependency for what is a
     * 3×3 linear solve repeated until it converges.
     */
    static double[] fit(List<Observation> observations) {
        double[] beta = new double[2];
        for (int iteration = 0; iteration < 100; iteration++) {
            double[] gradient = new double[2];
            double[][] hessian = new double[2][2];
            for (Observation o : observations) {
                double[] x = {1, LanguageCalibrationModel.evidence(o.distance(), o.words())};
                double p = 1 / (1 + Math.exp(-(beta[0] * x[0] + beta[1] * x[1])));
                double y = o.right() ? 1 : 0;
                for (int i = 0; i < 2; i++) {
                    gradient[i] += (y - p) * x[i];
                    for (int j = 0; j < 2; j++) {
                        hessian[i][j] += p * (1 - p) * x[i] * x[j];
                    }
                }
            }
            // A small ridge keeps the solve defined when the data separate perfectly at some distance.
            for (int i = 0; i < 2; i++) {
                hessian[i][i] += 1e-6;
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int i = 0; i < 2; i++) {
                beta[i] += step[i];
                change += Math.abs(step[i]);
            }
            if (change < 1e-9) {
                break;
            }
        }
        return beta;
    }

    /** Gaussian elimination with partial pivoting of a small dense system. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = m[row][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[row][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = m[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= m[row][k] * x[k];
            }
            x[row] = sum / m[row][row];
        }
        return x;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
