package io.newsflow.enrich.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.newsflow.enrich.entity.MultilingualEntityRecognizer;

/**
 * Reports the CoreNLP pipelines in memory. They load in the recognizer's constructor while the application starts, so
 * this check can only run once they are loaded: until then the service does not answer, which the startup probe sees.
 * The data lists each loaded language with the milliseconds its pipeline took to load.
 */
@Readiness
@ApplicationScoped
public class EntityModelsReadinessCheck implements HealthCheck {

    static final String NAME = "entity-models";

    private final MultilingualEntityRecognizer recognizer;

    EntityModelsReadinessCheck(MultilingualEntityRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .up()
                .withData("corenlpLanguages", String.join(",", recognizer.coreNlpLanguages()));
        recognizer.loadMillis().forEach((language, millis) -> response.withData("loadMillis." + language, millis));
        return response.build();
    }
}
