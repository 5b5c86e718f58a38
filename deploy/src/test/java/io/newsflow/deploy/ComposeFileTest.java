package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/docker-compose.yml as {@code docker-compose config} resolves it with the settings of .env.example. */
class ComposeFileTest {

    private static final List<String> SECRETS = ComposeConfig.SECRETS;

    private static JsonNode services;
    private static JsonNode compose;
    private static Map<String, String> example;

    @BeforeAll
    static void resolveTheComposeFile() {
        if (!ComposeConfig.available()) {
            return;
        }
        compose = ComposeConfig.resolved();
        services = compose.path("services");
        example = dotEnv(Repository.read(Repository.deploy().resolve(".env.example")));
    }

    /** Per test rather than per class, so that every skipped test reports why. */
    @BeforeEach
    void requireDockerCompose() {
        ComposeConfig.assumeAvailable();
    }

    private static Map<String, String> dotEnv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = Pattern.compile("^([A-Z0-9_]+)=(.*)$").matcher(line.trim());
            if (matcher.matches()) {
                values.put(matcher.group(1), matcher.group(2));
            }
        }
        return values;
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        services.path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    @Test
    void composeRefusesToRunWithoutTheSecrets(@TempDir Path empty) throws Exception {
        Path noSecrets = Files.writeString(empty.resolve("empty.env"), "");
        Repository.Result result = Repository.run(List.of("docker-compose", "-f", "deploy/docker-compose.yml",
                "--env-file", noSecrets.toString(), "config"), SECRETS);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).containsAnyOf(SECRETS.toArray(String[]::new)).contains("deploy/.env");
        assertThat(example.keySet()).as(".env.example lists every secret").containsAll(SECRETS);
        assertThat(Repository.read(Repository.deploy().resolve(".gitignore")).lines())
                .as("deploy/.env, which holds the secrets, is never committed").contains(".env");
    }

    @Test
    void everyServiceGetsTheEnvironmentItNeeds() {
        String kafka = services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText()
                .replace("PLAINTEXT://", "");
        for (String service : Repository.SERVICES) {
            Map<String, String> env = environment(service);
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(service).isEqualTo(kafka);
            assertThat(env.get("QUARKUS_HTTP_PORT")).as(service)
                    .isEqualTo(String.valueOf(new ServiceSettings(service).httpPort()));
        }
        assertThat(environment("ingest-service").get("NEWSFLOW_INGEST_HTTP_API_KEYS"))
                .isEqualTo(example.get("NEWSFLOW_INGEST_HTTP_API_KEYS"));

        Map<String, String> store = environment("store-service");
        Map<String, String> postgres = environment("postgres");
        assertThat(store.get("QUARKUS_DATASOURCE_JDBC_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(store.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(store.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"))
                .isEqualTo(example.get("POSTGRES_PASSWORD"));
        assertThat(store.get("NEWSFLOW_STORE_READER_PASSWORD"))
                .isEqualTo(example.get("NEWSFLOW_STORE_READER_PASSWORD"));

        Map<String, String> grafana = environment("grafana");
        assertThat(grafana.get("NEWSFLOW_STORE_READER_PASSWORD"))
                .isEqualTo(store.get("NEWSFLOW_STORE_READER_PASSWORD"));
        assertThat(grafana.get("NEWSFLOW_POSTGRES_HOST")).isEqualTo("postgres:5432");
        assertThat(grafana.get("NEWSFLOW_POSTGRES_DB")).isEqualTo(postgres.get("POSTGRES_DB"));
        assertThat(grafana.get("GF_SECURITY_ADMIN_PASSWORD")).isEqualTo(example.get("GRAFANA_ADMIN_PASSWORD"));

        Set<String> datasourceVariables = new HashSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(Repository.read(
                Repository.deploy().resolve("grafana/provisioning/datasources/newsflow.yml")));
        while (variable.find()) {
            datasourceVariables.add(variable.group(1));
        }
        assertThat(grafana.keySet()).as("Grafana's environment has what its provisioning reads")
                .containsAll(datasourceVariables);
    }

    @Test
    void enrichServiceHeapHoldsItsModelsWithinItsMemoryLimit() {
        String limit = services.path("enrich-service").path("mem_limit").asText();
        Matcher matcher = Pattern.compile("([0-9]+)([mg])").matcher(limit);
        assertThat(matcher.matches()).as("mem_limit %s", limit).isTrue();
        long mebibytes = Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("g") ? 1024 : 1);
        assertThat(new ServiceSettings("enrich-service").heapMebibytes(mebibytes)).isGreaterThanOrEqualTo(1792);
    }

    @Test
    void servicesRunTheImagesJibBuilds() {
        for (String service : Repository.SERVICES) {
            assertThat(services.path(service).path("image").asText()).as(service)
                    .isEqualTo(new ServiceSettings(service).image());
        }
    }

    @Test
    void publishedPortsReachTheServicesHttpPortsAndNeverCollide() {
        for (String service : Repository.SERVICES) {
            assertThat(services.path(service).path("ports").findValuesAsText("target")).as(service)
                    .containsExactly(String.valueOf(new ServiceSettings(service).httpPort()));
        }
        List<String> published = new ArrayList<>();
        services.forEach(s -> published.addAll(s.path("ports").findValuesAsText("published")));
        assertThat(published).doesNotHaveDuplicates().contains("8081", "8082", "8083", "3000", "9090");
    }

    @Test
    void namedVolumesAreDeclaredAndMountedFilesExist() {
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new HashSet<>();
        services.fields().forEachRemaining(entry -> entry.getValue().path("volumes").forEach(volume -> {
            String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
            String type = volume.isTextual() ? (source.startsWith("/") || source.startsWith(".") ? "bind" : "volume")
                    : volume.path("type").asText();
            if (type.equals("bind")) {
                assertThat(Path.of(source)).as("%s mounts %s", entry.getKey(), source).exists();
            } else {
                used.add(source);
            }
        }));
        assertThat(used).as("named volumes in use").isEqualTo(declared)
                .contains("kafka-data", "postgres-data", "grafana-data", "prometheus-data");
    }

    @Test
    void everyServiceHasAHealthcheckAndStartsAfterWhatItNeeds() {
        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            if (!name.equals("kafka-init")) {
                assertThat(service.path("healthcheck").path("test").isEmpty()).as("%s has a healthcheck", name)
                        .isFalse();
            }
            service.path("depends_on").fields().forEachRemaining(dependency -> {
                String condition = dependency.getValue().path("condition").asText();
                assertThat(condition).as("%s waits for %s", name, dependency.getKey())
                        .isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(services.path(dependency.getKey()).has("healthcheck")).isTrue();
                }
            });
        });
        for (String service : Repository.SERVICES) {
            assertThat(services.path(service).path("depends_on").path("kafka-init").path("condition").asText())
                    .as("%s starts once the topics exist", service).isEqualTo("service_completed_successfully");
            assertThat(services.path(service).path("healthcheck").path("test").toString())
                    .contains("/q/health/ready").contains(String.valueOf(new ServiceSettings(service).httpPort()));
        }
        assertThat(services.path("store-service").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("kafka-init").path("depends_on").path("kafka").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void topicInitialisationCreatesEveryTopicTheServicesUse() {
        String script = services.path("kafka-init").path("command").toString()
                + services.path("kafka-init").path("entrypoint").toString();
        Set<String> used = new HashSet<>();
        Repository.SERVICES.forEach(s -> used.addAll(new ServiceSettings(s).topics()));
        assertThat(used).isNotEmpty();
        for (String topic : used) {
            assertThat(script).as("kafka-init creates %s", topic).contains(topic);
        }
        assertThat(services.path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText())
                .isEqualTo("false");
    }

    @Test
    void everyServiceExportsItsTracesToJaegerOverOtlp() {
        JsonNode jaeger = services.path("jaeger");
        assertThat(jaeger.path("image").asText()).startsWith("jaegertracing/jaeger:");
        assertThat(jaeger.path("ports").findValuesAsText("target")).containsExactly("16686");
        for (String service : Repository.SERVICES) {
            Map<String, String> env = environment(service);
            assertThat(env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).as(service).isEqualTo("http://jaeger:4317");
            assertThat(Double.parseDouble(env.get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"))).as(service).isEqualTo(1.0);
            assertThat(env.get("NEWSFLOW_LOG_JSON")).as(service).isEqualTo("false");
            assertThat(new ServiceSettings(service).get("quarkus.otel.traces.sampler"))
                    .as("%s samples by ratio, so the environment's ratio decides", service).isEqualTo("traceidratio");
            assertThat(services.path(service).path("depends_on").has("jaeger"))
                    .as("%s starts without waiting for Jaeger: traces are optional", service).isFalse();
        }
        assertThat(services.path("grafana").path("volumes").toString()).contains("provisioning");
        assertThat(Repository.read(Repository.deploy().resolve("grafana/provisioning/datasources/newsflow.yml")))
                .contains("url: http://jaeger:16686");
    }

    @Test
    void prometheusScrapesEveryServiceOnItsHttpPort() {
        JsonNode prometheus = Manifests.parse(
                Repository.read(Repository.deploy().resolve("prometheus/prometheus.yml")));
        List<String> targets = prometheus.findValuesAsText("metrics_path");
        assertThat(targets).isNotEmpty().allMatch("/q/metrics"::equals);
        List<JsonNode> scraped = prometheus.findValues("targets");
        assertThat(scraped.stream().flatMap(list -> StreamSupport.stream(list.spliterator(), false))
                .map(target -> target.asText().split(":")[0]).toList())
                .containsExactlyInAnyOrder("ingest-service", "enrich-service", "store-service");
        scraped.forEach(list -> list.forEach(target -> {
            String[] hostPort = target.asText().split(":");
            ServiceSettings settings = new ServiceSettings(hostPort[0]);
            assertThat(services.has(hostPort[0])).as("%s is a compose service", hostPort[0]).isTrue();
            assertThat(hostPort[1]).isEqualTo(String.valueOf(settings.httpPort()));
            assertThat(settings.exportsPrometheusMetrics()).as("%s exports /q/metrics", hostPort[0]).isTrue();
        }));
    }
}
