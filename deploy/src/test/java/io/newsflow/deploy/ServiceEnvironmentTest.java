package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's container as compose runs it and as both overlays run it, against each other and against what the
 * service reads: the same image, the image's own entrypoint, the same port, and only environment variables the service
 * reads (a misspelt one would be ignored without a word).
 */
class ServiceEnvironmentTest {

    /** Variables compose sets and the Kubernetes manifests leave out, and why. */
    private static final Map<String, String> COMPOSE_ONLY = Map.of(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "no trace collector is deployed on Kubernetes (k8s/base)",
            "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "no trace collector is deployed on Kubernetes (k8s/base)",
            "NEWSFLOW_LOG_JSON", "compose passes the operator's choice through; the service's default is text",
            "NEWSFLOW_INGEST_FEEDS_URLS", "compose passes the operator's choice through; empty by default");

    /** A variable and where its value comes from: a literal, or a Secret's key (whose value is not compared). */
    private record Variable(String value, boolean fromSecret) {
    }

    private static Map<String, Variable> composeEnvironment(String service) {
        Map<String, Variable> env = new LinkedHashMap<>();
        ComposeConfig.resolved().path("services").path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), new Variable(e.getValue().asText(), false)));
        return env;
    }

    private static JsonNode container(Manifests manifests, String service) {
        JsonNode deployment = manifests.named("Deployment", service)
                .orElseThrow(() -> new AssertionError(manifests.overlay() + " has no Deployment " + service));
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).as("%s %s containers", manifests.overlay(), service).isEqualTo(1);
        return containers.get(0);
    }

    /** env, and envFrom's ConfigMaps resolved from the rendered objects; env wins, as in Kubernetes. */
    private static Map<String, Variable> kubernetesEnvironment(Manifests manifests, String service) {
        JsonNode container = container(manifests, service);
        Map<String, Variable> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            assertThat(source.has("secretRef")).as("%s %s: secrets come one key at a time", manifests.overlay(),
                    service).isFalse();
            JsonNode data = manifests.named("ConfigMap", configMap).orElseThrow(() -> new AssertionError(
                    manifests.overlay() + ": " + service + " reads the missing ConfigMap " + configMap)).path("data");
            data.fields().forEachRemaining(e -> env.put(e.getKey(), new Variable(e.getValue().asText(), false)));
        }
        for (JsonNode variable : container.path("env")) {
            boolean secret = variable.path("valueFrom").has("secretKeyRef");
            assertThat(variable.has("value") || secret).as("%s %s %s: a value or a Secret's key",
                    manifests.overlay(), service, variable.path("name").asText()).isTrue();
            env.put(variable.path("name").asText(), new Variable(variable.path("value").asText(), secret));
        }
        return env;
    }

    @Test
    void composeGivesEachServiceOnlyVariablesItReads() {
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = new ServiceSettings(service);
            assertThat(composeEnvironment(service).keySet()).as("compose's environment of %s", service)
                    .isNotEmpty().allSatisfy(name -> assertThat(settings.readsEnvironmentVariable(name))
                            .as("%s reads %s (compose)", service, name).isTrue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesGivesEachServiceOnlyVariablesItReads(String overlay) {
        Manifests manifests = KubernetesManifestsTest.render(overlay);
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = new ServiceSettings(service);
            assertThat(kubernetesEnvironment(manifests, service).keySet()).as("%s environment of %s", overlay, service)
                    .isNotEmpty().allSatisfy(name -> assertThat(settings.readsEnvironmentVariable(name))
                            .as("%s reads %s (%s)", service, name, overlay).isTrue());
        }
    }

    @Test
    void aVariableNoServiceReadsIsNoticed() {
        ServiceSettings ingest = new ServiceSettings("ingest-service");
        assertThat(ingest.readsEnvironmentVariable("NEWSFLOW_INGEST_HTTP_API_KEYS")).isTrue();
        assertThat(ingest.readsEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(ingest.readsEnvironmentVariable("NEWSFLOW_INGEST_API_KEYS")).as("a misspelt key").isFalse();
        assertThat(ingest.readsEnvironmentVariable("NEWSFLOW_ENRICH_LANGUAGES")).as("another service's").isFalse();
        assertThat(new ServiceSettings("enrich-service").readsEnvironmentVariable("NEWSFLOW_ENRICH_LANGUAGE"))
                .as("not a property of enrich-service's @ConfigMapping").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesRunsWhatComposeRuns(String overlay) {
        Manifests manifests = KubernetesManifestsTest.render(overlay);
        JsonNode compose = ComposeConfig.resolved().path("services");
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = new ServiceSettings(service);
            JsonNode container = container(manifests, service);
            JsonNode composed = compose.path(service);
            assertThat(container.path("image").asText()).as("%s %s image", overlay, service)
                    .isEqualTo(composed.path("image").asText()).isEqualTo(settings.image());
            assertThat(container.has("command") || container.has("args") || composed.has("entrypoint")
                    || composed.has("command")).as("%s: both run the image's entrypoint", service).isFalse();

            String port = String.valueOf(settings.httpPort());
            assertThat(container.path("ports").findValuesAsText("containerPort")).containsExactly(port);
            assertThat(composed.path("ports").findValuesAsText("target")).containsExactly(port);
            Map<String, Variable> kubernetes = kubernetesEnvironment(manifests, service);
            Map<String, Variable> composeEnv = composeEnvironment(service);
            assertThat(kubernetes.get("QUARKUS_HTTP_PORT")).as("%s %s", overlay, service)
                    .isEqualTo(composeEnv.get("QUARKUS_HTTP_PORT")).isEqualTo(new Variable(port, false));
            JsonNode servicePorts = manifests.named("Service", service).orElseThrow().path("spec").path("ports");
            StreamSupport.stream(servicePorts.spliterator(), false).forEach(p -> assertThat(p.path("targetPort")
                    .asText()).as("%s Service %s targets the container's port", overlay, service)
                    .isIn(port, container.path("ports").get(0).path("name").asText()));

            composeEnv.forEach((name, value) -> {
                if (COMPOSE_ONLY.containsKey(name)) {
                    assertThat(kubernetes).as("%s sets %s, which compose alone should: %s", overlay, name,
                            COMPOSE_ONLY.get(name)).doesNotContainKey(name);
                    return;
                }
                Variable given = kubernetes.get(name);
                assertThat(given).as("%s %s: compose sets %s, the manifests do not", overlay, service, name)
                        .isNotNull();
                if (!given.fromSecret()) {
                    assertThat(given.value()).as("%s %s %s", overlay, service, name).isEqualTo(value.value());
                }
            });
            kubernetes.forEach((name, value) -> {
                if (!composeEnv.containsKey(name)) {
                    assertThat(Optional.ofNullable(settings.propertyOfVariable(name)).map(settings::get))
                            .as("%s %s sets %s, which compose leaves to the service's default: the same value",
                                    overlay, service, name).contains(value.value());
                }
            });
        }
    }
}
