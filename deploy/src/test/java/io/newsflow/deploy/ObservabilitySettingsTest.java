package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every deployment file here relies on in each service: traces that travel with the records but are exported
 * only when the environment asks, log lines naming the article and trace, a JSON switch, Kafka client metrics, and the
 * switches documented where operators look.
 */
class ObservabilitySettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrich-service", "store-service"})
    void tracesAreExportedOnlyWhenTheEnvironmentAsks(String service) {
        ServiceSettings settings = new ServiceSettings(service);
        String pom = Repository.read(Repository.root().resolve(service).resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>quarkus-opentelemetry</artifactId>");
        // The sampler is fixed at build time; its ratio is read at run time, so the ratio is the switch.
        assertThat(settings.required("quarkus.otel.traces.sampler")).isEqualTo("traceidratio");
        assertThat(Double.parseDouble(settings.required("quarkus.otel.traces.sampler.arg"))).isZero();
        assertThat(settings.get("quarkus.otel.sdk.disabled")).as("propagation needs the SDK on").isNull();
        assertThat(settings.get("quarkus.otel.traces.enabled")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrich-service", "store-service"})
    void logLinesNameTheArticleAndTraceAndTurnToJsonOnASwitch(String service) {
        ServiceSettings settings = new ServiceSettings(service);
        String pom = Repository.read(Repository.root().resolve(service).resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>quarkus-logging-json</artifactId>");
        assertThat(settings.required("quarkus.log.console.format")).contains("%X{articleId}", "%X{traceId}");
        assertThat(settings.required("quarkus.log.console.json.enabled")).isEqualTo("false");
        assertThat(Repository.read(Repository.root().resolve(service)
                .resolve("src/main/resources/application.properties")))
                .contains("quarkus.log.console.json.enabled=${NEWSFLOW_LOG_JSON:false}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "enrich-service", "store-service"})
    void kafkaClientMetricsAreOnAndTheSwitchesAreDocumented(String service) {
        assertThat(new ServiceSettings(service).required(ServiceMetrics.KAFKA_BINDER)).isEqualTo("true");
        String readme = Repository.read(Repository.root().resolve(service).resolve("README.md"));
        assertThat(readme).as("%s/README.md documents the tracing and JSON log switches", service)
                .contains("NEWSFLOW_LOG_JSON", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
                        "QUARKUS_OTEL_TRACES_SAMPLER_ARG");
        String deploy = Repository.read(Repository.deploy().resolve("README.md"));
        assertThat(deploy).contains("NEWSFLOW_LOG_JSON", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
                "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "kafka_consumer_fetch_manager_records_lag");
    }
}
