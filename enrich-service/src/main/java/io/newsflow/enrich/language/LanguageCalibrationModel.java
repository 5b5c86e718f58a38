package io.newsflow.enrich.language;

/**
 * Turns what Lingua reports about a text into the probability that its first choice is the text's language. Lingua's
 * own values are relative: its best language always gets 1.0, and the relative distance from the second-best
 * language, {@code d} (0 for a tie, 1 when one candidate is left), is only 0.2–0.3 for a clear paragraph, which no
 * reader takes for a probability. What decides is the evidence behind that distance: it is a share of the text's
 * summed log-likelihood, so the absolute margin between the two languages grows with the words analysed, {@code w}.
 * The probability is a logistic function of {@code sqrt(d × w)}: a long text at a small relative distance is
 * practically never wrong, a two-word one often is.
 *
 * <p>{@link #SHIPPED} was fitted on the project's own texts by {@code ./newsflow eval --calibrate-language}
 * (enrich-eval's {@code LanguageCalibration}: windows of 1–40 words of the hand-written evaluation texts, fitted by
 * logistic regression; of the forms tried — {@code d} with {@code ln w}, {@code d × w}, {@code ln(d × w)} — this one
 * had the lowest log-loss on held-out texts), and is checked on the public development sets by the evaluation's
 * reliability table (enrich-eval/README.md).
 */
public record LanguageCalibrationModel(double intercept, double slope) {

    /** Fitted by {@code ./newsflow eval --calibrate-language}; see enrich-service/README.md, The language engine. */
    public static final LanguageCalibrationModel SHIPPED = new LanguageCalibrationModel(-1.2339, 8.1183);

    /** The feature the probability is a logistic function of. */
    public static double evidence(double distance, int words) {
        return Math.sqrt(Math.max(0, distance) * Math.max(1, words));
    }

    /** The probability, 0..1, that the first choice is right. */
    public double probability(double distance, int words) {
        return 1 / (1 + Math.exp(-(intercept + slope * evidence(distance, words))));
    }
}
