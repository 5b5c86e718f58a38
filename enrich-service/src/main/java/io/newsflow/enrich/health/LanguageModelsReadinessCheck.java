package io.newsflow.enrich.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.newsflow.enrich.language.LinguaLanguageDetector;

/**
 * Reports Lingua's models in memory. They load in the detector's constructor while the application starts, so this
 * check can only run once they are loaded: a probe that arrives meanwhile waits for the loading to finish (or times
 * out, which a probe counts as not ready). The data says which engine, languages and threshold are in use.
 */
@Readiness
@ApplicationScoped
public class LanguageModelsReadinessCheck implements HealthCheck {

    static final String NAME = "language-models";

    private final LinguaLanguageDetector detector;

    LanguageModelsReadinessCheck(LinguaLanguageDetector detector) {
        this.detector = detector;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("engine", detector.engine().name() + " " + detector.engine().version())
                .withData("languages", String.join(",", detector.languages()))
                .withData("loadMillis", detector.loadMillis())
                .withData("minConfidence", String.valueOf(detector.minConfidence()))
                .build();
    }
}
