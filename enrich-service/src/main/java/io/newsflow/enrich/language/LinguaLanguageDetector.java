package io.newsflow.enrich.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import io.newsflow.enrich.EngineVersions;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.events.Engine;
import io.newsflow.events.Language;
import io.quarkus.runtime.Startup;

/**
 * Language identification with Lingua 1.2.2 in high-accuracy mode, restricted to the configured languages.
 *
 * <p>The models are loaded once, when the application starts, so that no article pays for loading them. One Lingua
 * detector serves every thread: after construction it only reads its models (kept in Lingua's static maps), and a
 * concurrent run over the evaluation set gives the same answers as a sequential one
 * ({@code LinguaLanguageDetectorTest}).
 *
 * <p><b>Confidence.</b> Lingua 1.2.2's {@code computeLanguageConfidenceValues} is a <em>relative</em> metric, not a
 * probability: the most likely language always gets 1.0 and each other language the ratio of the two languages'
 * log-likelihoods. The distance from the runner-up, {@code 1 - value(second)} — the quantity Lingua itself compares
 * with its minimum relative distance — is 0 for a tie and 1 when Lingua's rules left a single candidate, but a clear
 * paragraph typically scores 0.2–0.5 on it. The confidence reported is the probability that the answer is right given
 * that distance and the number of words analysed ({@link LanguageCalibrationModel}); below {@code min-confidence} the
 * answer is {@code und}.
 *
 * <p><b>Length.</b> Only the first {@code max-chars} characters are analysed (cut at a word boundary): Lingua's time
 * grows with the text, and the language of a news article is settled within its first paragraph.
 */
@ApplicationScoped
// Before the messaging channels start (they observe startup at LIBRARY_BEFORE): otherwise the first articles would wait,
// under the engine timeout, for the models to load.
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
public class LinguaLanguageDetector implements LanguageDetector {

    public static final String ENGINE_NAME = "lingua";

    private static final Logger LOG = Logger.getLogger(LinguaLanguageDetector.class);
    private static final String VERSION_RESOURCE = "io/newsflow/enrich/language/lingua.properties";

    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    private final List<String> languages;
    private final double minConfidence;
    private final int maxChars;
    private final Engine engine;
    private final long loadMillis;

    @Inject
    LinguaLanguageDetector(EnrichConfig config) {
        this(config.languages(), config.minConfidence(), config.language().maxChars());
    }

    /**
     * @param isoCodes      ISO 639-1 codes of the candidate languages (at least two different ones)
     * @param minConfidence below this probability (0..1) that the answer is right, the answer is {@code und}
     * @param maxChars      only the first this many characters of a text are analysed
     */
    public LinguaLanguageDetector(List<String> isoCodes, double minConfidence, int maxChars) {
        if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
            throw new IllegalArgumentException(
                    "newsflow.enrich.min-confidence must be between 0 and 1, was " + minConfidence);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("newsflow.enrich.language.max-chars must be at least 1, was " + maxChars);
        }
        this.maxChars = maxChars;
        Set<com.github.pemistahl.lingua.api.Language> candidates = toLinguaLanguages(isoCodes);
        this.minConfidence = minConfidence;
        this.engine = new Engine(ENGINE_NAME, EngineVersions.read(VERSION_RESOURCE));
        this.languages = candidates.stream().map(LinguaLanguageDetector::isoCode).toList();

        long start = System.nanoTime();
        this.lingua = LanguageDetectorBuilder
                .fromLanguages(candidates.toArray(com.github.pemistahl.lingua.api.Language[]::new))
                .withPreloadedLanguageModels()
                .build();
        this.loadMillis = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("Lingua %s loaded the models of %s in %d ms", engine.version(), languages, loadMillis);
    }

    @Override
    public Language detect(String text) {
        Scored scored = score(text);
        if (scored == null) {
            return new Language(Language.UNDETERMINED, 0.0);
        }
        double confidence = Math.round(
                LanguageCalibrationModel.SHIPPED.probability(scored.distance(), scored.words()) * 10_000) / 10_000.0;
        if (confidence < minConfidence) {
            return new Language(Language.UNDETERMINED, confidence);
        }
        return new Language(scored.language(), confidence);
    }

    /**
     * Lingua's first choice for the text's first {@code max-chars} characters, its relative distance from the second
     * (0..1) and the number of words analysed; null when Lingua names no language (no letters, or none of the
     * candidates).
     */
    public Scored score(String text) {
        String sample = prefix(text);
        SortedMap<com.github.pemistahl.lingua.api.Language, Double> ranked =
                lingua.computeLanguageConfidenceValues(sample);
        if (ranked.isEmpty()) {
            return null;
        }
        Iterator<Map.Entry<com.github.pemistahl.lingua.api.Language, Double>> best = ranked.entrySet().iterator();
        com.github.pemistahl.lingua.api.Language top = best.next().getKey();
        if (top == com.github.pemistahl.lingua.api.Language.UNKNOWN) {
            return null;
        }
        double distance = best.hasNext() ? distanceFromTop(best.next().getValue()) : 1.0;
        return new Scored(isoCode(top), distance, words(sample));
    }

    /** What Lingua says of one text before calibration. */
    public record Scored(String language, double distance, int words) {
    }

    private String prefix(String text) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        while (end > maxChars / 2 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetter(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    /** ISO 639-1 codes of the languages whose models are loaded, in configuration order. */
    public List<String> languages() {
        return languages;
    }

    public long loadMillis() {
        return loadMillis;
    }

    public double minConfidence() {
        return minConfidence;
    }

    private static double distanceFromTop(double runnerUp) {
        // Lingua computes the values in float; keep rounding noise from leaving 0..1.
        double distance = 1.0 - runnerUp;
        return Math.round(Math.min(1.0, Math.max(0.0, distance)) * 10_000) / 10_000.0;
    }

    private static Set<com.github.pemistahl.lingua.api.Language> toLinguaLanguages(List<String> isoCodes) {
        Set<com.github.pemistahl.lingua.api.Language> candidates = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : isoCodes == null ? List.<String>of() : isoCodes) {
            String code = raw.strip().toLowerCase(Locale.ROOT);
            IsoCode639_1 iso = Arrays.stream(IsoCode639_1.values())
                    .filter(c -> c != IsoCode639_1.NONE && c.toString().equals(code))
                    .findFirst()
                    .orElse(null);
            if (iso == null) {
                unknown.add(raw);
            } else {
                candidates.add(com.github.pemistahl.lingua.api.Language.getByIsoCode639_1(iso));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("newsflow.enrich.languages: " + unknown.stream()
                    .map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                    + (unknown.size() == 1 ? " is not the ISO 639-1 code" : " are not ISO 639-1 codes")
                    + " of a language Lingua knows; use two-letter codes among " + supportedCodes());
        }
        if (candidates.size() < 2) {
            throw new IllegalArgumentException("newsflow.enrich.languages must name at least two different languages"
                    + " for Lingua to choose from, was " + isoCodes);
        }
        return candidates;
    }

    private static String supportedCodes() {
        return Arrays.stream(IsoCode639_1.values())
                .filter(c -> c != IsoCode639_1.NONE)
                .map(IsoCode639_1::toString)
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String isoCode(com.github.pemistahl.lingua.api.Language language) {
        return language.getIsoCode639_1().toString();
    }
}
