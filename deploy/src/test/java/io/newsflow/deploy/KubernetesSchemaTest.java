package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object the overlays render, read as the Kubernetes API server (and Strimzi's operator, for its resources)
 * would read it: the object model of the API (fabric8's, generated from the API's OpenAPI schemas; Strimzi's own for
 * its custom resources) for the object's apiVersion and kind. An object fails when its kind is unknown at that
 * apiVersion, when a field is not in the schema (the models keep unknown fields aside instead of failing, so the test
 * looks for them everywhere), when a value has the wrong type (a string where the API wants an integer is coerced by
 * Jackson, so every value must come back unchanged when the object is written again), or when a quantity
 * (CPU, memory, storage) does not parse.
 */
class KubernetesSchemaTest {

    /** The schema of each apiVersion/kind the overlays may use; any other kind fails until it is added here. */
    private static final Map<String, Class<?>> SCHEMAS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectIsValidAgainstTheApiSchemaOfItsKind(String overlay) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> resources = KubernetesManifestsTest.render(overlay).resources();
        assertThat(resources).as("%s renders objects", overlay).isNotEmpty();
        for (JsonNode resource : resources) {
            problems.addAll(problems(resource));
        }
        assertThat(problems).as("%s: objects that the API would refuse", overlay).isEmpty();
    }

    static List<String> problems(JsonNode resource) {
        String key = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
        String name = key + " " + resource.path("metadata").path("name").asText();
        Class<?> schema = SCHEMAS.get(key);
        if (schema == null) {
            return List.of(name + ": no schema for apiVersion/kind " + key);
        }
        Object parsed;
        try {
            parsed = MAPPER.treeToValue(resource, schema);
        } catch (Exception e) {
            return List.of(name + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(parsed, "", problems);
        changedValues(resource, MAPPER.valueToTree(parsed), "", problems);
        return problems.stream().map(p -> name + ": " + p).toList();
    }

    /** Fields the model kept aside as unknown ({@code additionalProperties}), and quantities that do not parse. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Quantity quantity) {
            try {
                quantity.getNumericalAmount();
            } catch (RuntimeException e) {
                problems.add(path + ": quantity " + quantity + " does not parse");
            }
        }
        Map<?, ?> unknown = additionalProperties(value);
        if (!unknown.isEmpty()) {
            problems.add((path.isEmpty() ? "top level" : path) + ": unknown field(s) " + unknown.keySet());
        }
        BeanDescription bean = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null && !property.getName().equals("additionalProperties")) {
                accessor.fixAccess(true);
                unknownFields(accessor.getValue(value), path + "." + property.getName(), problems);
            }
        }
    }

    private static Map<?, ?> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object result = getter.invoke(value);
            return result instanceof Map<?, ?> map ? map : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every value of the manifest must come back, with its JSON type, from the parsed object. */
    private static void changedValues(JsonNode written, JsonNode parsed, String path, List<String> problems) {
        if (written.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = written.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode back = parsed.get(field.getKey());
                if (back == null || back.isNull() && !field.getValue().isNull()) {
                    // Models leave out a value equal to their default (Strimzi's deleteClaim: false); an unknown
                    // field is never left out (it is kept aside and found above).
                    if (!isDefaultLike(field.getValue())) {
                        problems.add(path + "." + field.getKey() + ": dropped by the schema");
                    }
                } else {
                    changedValues(field.getValue(), back, path + "." + field.getKey(), problems);
                }
            }
        } else if (written.isArray()) {
            if (!parsed.isArray() || parsed.size() != written.size()) {
                problems.add(path + ": a list of " + written.size() + " became " + parsed);
                return;
            }
            for (int i = 0; i < written.size(); i++) {
                changedValues(written.get(i), parsed.get(i), path + "[" + i + "]", problems);
            }
        } else if (written.getNodeType() != parsed.getNodeType() || !written.asText().equals(parsed.asText())) {
            problems.add(path + ": " + written + " (" + written.getNodeType() + ") is read as " + parsed + " ("
                    + parsed.getNodeType() + ")");
        }
    }

    private static boolean isDefaultLike(JsonNode value) {
        return value.isNull() || value.isBoolean() && !value.asBoolean() || value.isNumber() && value.asDouble() == 0
                || value.isTextual() && value.asText().isEmpty() || value.isContainerNode() && value.isEmpty();
    }

    @Test
    void anUnknownFieldAWrongTypeAndAnUnknownKindAreRefused() {
        JsonNode deployment = KubernetesManifestsTest.render("dev").named("Deployment", "store-service")
                .orElseThrow().deepCopy();
        assertThat(problems(deployment)).as("the rendered Deployment").isEmpty();

        JsonNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.path("spec").path("template").path("spec")
                .path("containers").get(0)).set("readinesProbe", misspelt.path("spec").path("template").path("spec")
                .path("containers").get(0).path("readinessProbe"));
        assertThat(problems(misspelt)).singleElement().asString()
                .contains(".spec.template.spec.containers[0]").contains("readinesProbe");

        JsonNode quoted = deployment.deepCopy();
        ((ObjectNode) quoted.path("spec")).put("replicas", "2");
        assertThat(problems(quoted)).singleElement().asString().contains(".spec.replicas");

        JsonNode badQuantity = deployment.deepCopy();
        ((ObjectNode) badQuantity.path("spec").path("template").path("spec")
                .path("containers").get(0).path("resources").path("limits")).put("memory", "512 MB");
        assertThat(problems(badQuantity)).anySatisfy(p -> assertThat(p).contains("limits.memory"));

        JsonNode topic = KubernetesManifestsTest.render("prod").named("KafkaTopic", "news-articles-raw-v1")
                .orElseThrow().deepCopy();
        assertThat(problems(topic)).as("the rendered KafkaTopic").isEmpty();
        ((ObjectNode) topic.path("spec")).put("partitons", 12);
        assertThat(problems(topic)).singleElement().asString().contains(".spec").contains("partitons");

        JsonNode wrongVersion = deployment.deepCopy();
        ((ObjectNode) wrongVersion).put("apiVersion", "extensions/v1beta1");
        assertThat(problems(wrongVersion)).singleElement().asString().contains("no schema");
    }
}
