package io.newsflow.enrich.eval;

import java.util.Map;
import java.util.TreeMap;

import io.newsflow.events.Language;

/**
 * Language identification scores of a set of texts: right, wrong and {@code und} answers, which language was taken
 * for which, and a reliability table — the reported confidence of the answers that named a language, in buckets of a
 * tenth, against the share of them that were right. For a calibrated confidence the two agree.
 */
final class LanguageTally {

    static final int BUCKETS = 10;

    private int texts;
    private int right;
    private int undetermined;
    /** Gold language, then the wrong answer, to a count. */
    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private final int[] bucketTexts = new int[BUCKETS];
    private final int[] bucketRight = new int[BUCKETS];
    private final double[] bucketConfidence = new double[BUCKETS];

    void add(EvalItem item, Language language) {
        texts++;
        if (language.code().equals(Language.UNDETERMINED)) {
            undetermined++;
            return;
        }
        boolean correct = language.code().equals(item.language());
        if (correct) {
            right++;
        } else {
            confusion.computeIfAbsent(item.language(), g -> new TreeMap<>()).merge(language.code(), 1, Integer::sum);
        }
        int bucket = Math.min(BUCKETS - 1, (int) Math.floor(language.confidence() * BUCKETS));
        bucketTexts[bucket]++;
        bucketConfidence[bucket] += language.confidence();
        if (correct) {
            bucketRight[bucket]++;
        }
    }

    void addAll(LanguageTally other) {
        texts += other.texts;
        right += other.right;
        undetermined += other.undetermined;
        other.confusion.forEach((gold, row) -> row.forEach(
                (answer, n) -> confusion.computeIfAbsent(gold, g -> new TreeMap<>()).merge(answer, n, Integer::sum)));
        for (int i = 0; i < BUCKETS; i++) {
            bucketTexts[i] += other.bucketTexts[i];
            bucketRight[i] += other.bucketRight[i];
            bucketConfidence[i] += other.bucketConfidence[i];
        }
    }

    int texts() {
        return texts;
    }

    double accuracy() {
        return texts == 0 ? 0 : (double) right / texts;
    }

    double undeterminedRate() {
        return texts == 0 ? 0 : (double) undetermined / texts;
    }

    int wrong() {
        return texts - right - undetermined;
    }

    Map<String, Map<String, Integer>> confusion() {
        return confusion;
    }

    int bucketTexts(int bucket) {
        return bucketTexts[bucket];
    }

    double bucketAccuracy(int bucket) {
        return bucketTexts[bucket] == 0 ? 0 : (double) bucketRight[bucket] / bucketTexts[bucket];
    }

    double bucketMeanConfidence(int bucket) {
        return bucketTexts[bucket] == 0 ? 0 : bucketConfidence[bucket] / bucketTexts[bucket];
    }

    /**
     * Expected calibration error: the gap between mean confidence and accuracy in each bucket, weighted by the
     * bucket's share of the answers. 0 for a perfectly calibrated confidence.
     */
    double calibrationError() {
        int answers = texts - undetermined;
        if (answers == 0) {
            return 0;
        }
        double error = 0;
        for (int i = 0; i < BUCKETS; i++) {
            error += Math.abs(bucketMeanConfidence(i) - bucketAccuracy(i)) * bucketTexts[i] / answers;
        }
        return error;
    }
}
