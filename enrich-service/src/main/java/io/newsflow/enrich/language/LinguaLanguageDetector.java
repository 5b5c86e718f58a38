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
 * log-likelihoods. The top value therefore says nothing about certainty. The confidence reported here is the distance
 * from the runner-up, {@code 1 - value(second)} — the quantity Lingua itself compares with its minimum relative
 * distance — so 0 means a tie and 1.0 means that Lingua's rules left a single candidate (for instance a letter only
 * one of the languages uses). It is not calibrated as a probability: a clear paragraph typically scores 0.2–0.5.
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
    private final Engine engine;
    private final long loadMillis;

    @Inject
    LinguaLanguageDetector(EnrichConfig config) {
        this(config.languages(), config.minConfidence());
    }

    /**
     * @param isoCodes      ISO 639-1 codes of the candidate languages (at least two different ones)
     * @param minConfidence below this confidence (0..1) the answer is {@code und}
     */
    public LinguaLanguageDetector(List<String> isoCodes, double minConfidence) {
        if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
            throw new IllegalArgumentException(
                    "newsflow.enrich.min-confidence must be between 0 and 1, was " + minConfidence);
        }
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
        SortedMap<com.github.pemistahl.lingua.api.Language, Double> ranked = lingua.computeLanguageConfidenceValues(text);
        if (ranked.isEmpty()) {
            return new Language(Language.UNDETERMINED, 0.0);
        }
        Iterator<Map.Entry<com.github.pemistahl.lingua.api.Language, Double>> best = ranked.entrySet().iterator();
        com.github.pemistahl.lingua.api.Language top = best.next().getKey();
        double confidence = best.hasNext() ? distanceFromTop(best.next().getValue()) : 1.0;
        if (top == com.github.pemistahl.lingua.api.Language.UNKNOWN || confidence < minConfidence) {
            return new Language(Language.UNDETERMINED, confidence);
        }
        return new Language(isoCode(top), confidence);
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
