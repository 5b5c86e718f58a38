package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants of the manifests {@code kubectl kustomize} renders for each overlay. */
class KubernetesManifestsTest {

    private static final Map<String, Manifests> RENDERED = new HashMap<>();

    static synchronized Manifests render(String overlay) {
        assumeTrue(Repository.onPath("kubectl"),
                "kubectl is not on the PATH: the Kubernetes manifests are NOT checked. Install kubectl to check them.");
        return RENDERED.computeIfAbsent(overlay, o -> {
            Repository.Result result = Repository.run(
                    List.of("kubectl", "kustomize", "deploy/k8s/overlays/" + o), List.of());
            assertThat(result.exitCode())
                    .as("kubectl kustomize deploy/k8s/overlays/%s failed:%n%s", o, result.stderr())
                    .isZero();
            return new Manifests(o, Manifests.parseAll(result.stdout()));
        });
    }

    private static JsonNode serviceDeployment(Manifests manifests, String service) {
        return manifests.named("Deployment", service)
                .orElseThrow(() -> new AssertionError(manifests.overlay() + " has no Deployment " + service));
    }

    private static List<JsonNode> containers(JsonNode workload) {
        return StreamSupport.stream(workload.path("spec").path("template").path("spec").path("containers")
                .spliterator(), false).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersEveryServiceWithItsServiceAndDisruptionBudget(String overlay) {
        Manifests manifests = render(overlay);
        for (String service : Repository.SERVICES) {
            serviceDeployment(manifests, service);
            assertThat(manifests.named("Service", service)).as("%s: Service %s", overlay, service).isPresent();
            JsonNode budget = manifests.named("PodDisruptionBudget", service)
                    .orElseThrow(() -> new AssertionError(overlay + ": no PodDisruptionBudget " + service));
            assertThat(budget.path("spec").path("selector").path("matchLabels"))
                    .isEqualTo(serviceDeployment(manifests, service).path("spec").path("selector").path("matchLabels"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceContainerProbesTheQuarkusHealthEndpointsOnItsHttpPort(String overlay) {
        Manifests manifests = render(overlay);
        for (String service : Repository.SERVICES) {
            int port = new ServiceSettings(service).httpPort();
            for (JsonNode container : containers(serviceDeployment(manifests, service))) {
                String where = overlay + "/" + service + "/" + container.path("name").asText();
                assertThat(container.path("ports").findValuesAsText("containerPort")).as(where)
                        .containsExactly(String.valueOf(port));
                Map<String, String> paths = Map.of("startupProbe", "/q/health/started",
                        "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
                paths.forEach((probe, path) -> {
                    JsonNode get = container.path(probe).path("httpGet");
                    assertThat(get.path("path").asText()).as("%s %s", where, probe).isEqualTo(path);
                    assertThat(get.path("port").asText()).as("%s %s port", where, probe)
                            .isIn("http", String.valueOf(port));
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesAndResourceRequestsAndLimits(String overlay) {
        render(overlay).workloads().forEach(workload -> {
            for (JsonNode container : containers(workload)) {
                String where = overlay + " " + Manifests.name(workload) + "/" + container.path("name").asText();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(container.has(probe)).as("%s has a %s", where, probe).isTrue();
                }
                JsonNode resources = container.path("resources");
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(resources.path(bound).path(resource).asText())
                                .as("%s resources.%s.%s", where, bound, resource).isNotBlank();
                    }
                }
                // The JVM sizes its heap from the limit; a request below it lets the node overcommit memory and
                // kill the pod under pressure.
                assertThat(resources.path("requests").path("memory").asText()).as("%s memory request", where)
                        .isEqualTo(resources.path("limits").path("memory").asText());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodRunsAsNonRootOnAReadOnlyRootWithAWritableTmpAndNoServiceAccountToken(String overlay) {
        render(overlay).workloads().forEach(workload -> {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            String where = overlay + " " + Manifests.name(workload);
            assertThat(pod.path("automountServiceAccountToken").isBoolean()
                    && !pod.path("automountServiceAccountToken").asBoolean())
                    .as("%s automountServiceAccountToken: false", where).isTrue();
            Set<String> emptyDirs = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                    .filter(v -> v.has("emptyDir")).map(v -> v.path("name").asText()).collect(Collectors.toSet());
            for (JsonNode container : containers(workload)) {
                String c = where + "/" + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                boolean nonRoot = security.path("runAsNonRoot").asBoolean(pod.path("securityContext")
                        .path("runAsNonRoot").asBoolean(false));
                assertThat(nonRoot).as("%s runAsNonRoot", c).isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean(false))
                        .as("%s readOnlyRootFilesystem", c).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                        .as("%s allowPrivilegeEscalation", c).isFalse();
                assertThat(StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                        .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                        .map(m -> m.path("name").asText()))
                        .as("%s mounts an emptyDir on /tmp", c).hasSize(1).allMatch(emptyDirs::contains);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesRunTheImagesJibBuildsAsTheImagesUser(String overlay) {
        Manifests manifests = render(overlay);
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = new ServiceSettings(service);
            JsonNode deployment = serviceDeployment(manifests, service);
            assertThat(containers(deployment)).extracting(c -> c.path("image").asText()).as("%s %s", overlay, service)
                    .containsExactly(settings.image());
            assertThat(deployment.path("spec").path("template").path("spec").path("securityContext")
                    .path("runAsUser").asText()).as("%s %s runAsUser", overlay, service)
                    .isEqualTo(settings.required("quarkus.jib.user"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicTheServicesUseHasAKafkaTopic(String overlay) {
        Map<String, JsonNode> topics = kafkaTopics(render(overlay));
        Set<String> used = new HashSet<>();
        Repository.SERVICES.forEach(s -> used.addAll(new ServiceSettings(s).topics()));
        assertThat(used).as("topics named in the services' application.properties")
                .contains("news.articles.raw.v1", "news.articles.enriched.v1", "newsflow.feeds.v1");
        assertThat(topics.keySet()).as(overlay + " KafkaTopics").containsAll(used);
        assertThat(topics.get("newsflow.feeds.v1").path("spec").path("config").path("cleanup.policy").asText())
                .isEqualTo("compact");
        topics.values().forEach(topic -> assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster")
                .asText()).as("%s strimzi.io/cluster label", Manifests.name(topic)).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noConsumerHasMoreReplicasThanItsTopicHasPartitions(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, JsonNode> topics = kafkaTopics(manifests);
        for (String service : Repository.SERVICES) {
            int replicas = serviceDeployment(manifests, service).path("spec").path("replicas").asInt(1);
            int mostReplicas = manifests.ofKind("HorizontalPodAutoscaler")
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(service))
                    .mapToInt(h -> h.path("spec").path("maxReplicas").asInt()).max().orElse(replicas);
            for (String topic : new ServiceSettings(service).consumedTopics()) {
                assertThat(topics.get(topic).path("spec").path("partitions").asInt())
                        .as("%s: partitions of %s for up to %d replicas of %s", overlay, topic, mostReplicas, service)
                        .isGreaterThanOrEqualTo(Math.max(replicas, mostReplicas));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void enrichServiceIsScaledByAnAutoscalerOnCpu(String overlay) {
        JsonNode autoscaler = render(overlay).named("HorizontalPodAutoscaler", "enrich-service")
                .orElseThrow(() -> new AssertionError(overlay + ": no HorizontalPodAutoscaler enrich-service"));
        JsonNode spec = autoscaler.path("spec");
        assertThat(spec.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(spec.path("scaleTargetRef").path("name").asText()).isEqualTo("enrich-service");
        assertThat(spec.path("minReplicas").asInt()).isPositive().isLessThanOrEqualTo(spec.path("maxReplicas").asInt());
        assertThat(spec.path("metrics").findValuesAsText("name")).contains("cpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void enrichServiceHeapHoldsItsModelsWithinItsMemoryLimit(String overlay) {
        JsonNode limits = containers(serviceDeployment(render(overlay), "enrich-service")).get(0)
                .path("resources").path("limits");
        long limit = mebibytes(limits.path("memory").asText());
        // The default models (CoreNLP en, fr, de, es, it and Lingua) retain 1,150 MiB after a full GC; the
        // enrich-service README asks for -Xmx2g, and below 1,792 MiB loading them runs out of heap.
        assertThat(new ServiceSettings("enrich-service").heapMebibytes(limit)).as("%s heap of a %d MiB limit",
                overlay, limit).isGreaterThanOrEqualTo(1792);
    }

    static long mebibytes(String quantity) {
        Matcher matcher = Pattern.compile("([0-9]+)(Mi|Gi)").matcher(quantity);
        assertThat(matcher.matches()).as("memory quantity %s in Mi or Gi", quantity).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("Gi") ? value * 1024 : value;
    }

    @Test
    void devOverlayBringsASingleNodeKafkaAndAPostgresqlAndEverySecretItsPodsReference() {
        Manifests dev = render("dev");
        JsonNode pool = dev.ofKind("KafkaNodePool").findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaNodePool"));
        assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(dev.named("Kafka", "newsflow")).isPresent();
        assertThat(dev.named("StatefulSet", "postgres")).isPresent();
        assertThat(dev.named("Service", "postgres")).isPresent();
        Set<String> secrets = dev.ofKind("Secret").map(s -> s.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
        dev.workloads().forEach(w -> assertThat(secrets).as("%s's secrets", Manifests.name(w))
                .containsAll(secretKeyRefs(w)));
        kafkaTopics(dev).values().forEach(t -> assertThat(t.path("metadata").path("labels")
                .path("strimzi.io/cluster").asText()).isEqualTo("newsflow"));
        for (String service : Repository.SERVICES) {
            assertThat(serviceDeployment(dev, service).path("spec").path("replicas").asInt()).isEqualTo(1);
        }
    }

    @Test
    void prodOverlayBringsNoServersAndRunsMoreReplicasOnReplicatedTopics() {
        Manifests prod = render("prod");
        assertThat(prod.ofKind("Kafka")).isEmpty();
        assertThat(prod.ofKind("StatefulSet")).isEmpty();
        assertThat(prod.ofKind("Secret")).as("production secrets are created by the operator, never committed")
                .isEmpty();
        for (String service : Repository.SERVICES) {
            assertThat(serviceDeployment(prod, service).path("spec").path("replicas").asInt())
                    .as("%s replicas", service).isGreaterThanOrEqualTo(2);
        }
        kafkaTopics(prod).values().forEach(t -> {
            assertThat(t.path("spec").path("replicas").asInt()).as(Manifests.name(t)).isGreaterThanOrEqualTo(3);
            assertThat(t.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        });
        String readme = Repository.read(Repository.deploy().resolve("README.md"));
        prod.workloads().forEach(w -> assertThat(readme).as("deploy/README.md names every Secret prod expects")
                .contains(secretKeyRefs(w)));
    }

    private static Set<String> secretKeyRefs(JsonNode workload) {
        return workload.findValues("secretKeyRef").stream().map(r -> r.path("name").asText())
                .collect(Collectors.toSet());
    }

    private static Map<String, JsonNode> kafkaTopics(Manifests manifests) {
        return manifests.ofKind("KafkaTopic").collect(Collectors.toMap(
                t -> t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText()), t -> t));
    }
}
