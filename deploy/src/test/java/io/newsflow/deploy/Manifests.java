package io.newsflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The rendered manifests of one overlay. */
record Manifests(String overlay, List<JsonNode> resources) {

    private static final YAMLMapper YAML = new YAMLMapper();

    static List<JsonNode> parseAll(String yaml) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> parsed = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    parsed.add(document);
                }
            }
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String yaml) {
        List<JsonNode> documents = parseAll(yaml);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("Expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    Stream<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText()));
    }

    Optional<JsonNode> named(String kind, String name) {
        return ofKind(kind).filter(r -> name.equals(r.path("metadata").path("name").asText())).findFirst();
    }

    /** Deployments and StatefulSets: everything that runs pods. */
    Stream<JsonNode> workloads() {
        return resources.stream().filter(r -> List.of("Deployment", "StatefulSet").contains(r.path("kind").asText()));
    }

    static String name(JsonNode resource) {
        return resource.path("kind").asText() + "/" + resource.path("metadata").path("name").asText();
    }
}
