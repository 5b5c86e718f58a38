package io.newsflow.enrich.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.newsflow.enrich.language.LinguaLanguageDetector;

/**
 * Ready once Lingua's models of the configured languages are in memory. They are loaded while the application starts;
 * a probe that arrives meanwhile waits for the loading to finish (or times out, which a probe counts as not ready).
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
                .status(detector.modelsLoaded())
                .withData("engine", detector.engine().name() + " " + detector.engine().version())
                .withData("languages", String.join(",", detector.languages()))
                .withData("loadMillis", detector.loadMillis())
                .withData("minConfidence", String.valueOf(detector.minConfidence()))
                .build();
    }
}
