package io.newsflow.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's application.properties as its packaged build reads it: the default profile, expressions resolved. */
final class ServiceSettings {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final Pattern TOPIC_KEY = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)"
                    + "|newsflow\\.[a-z]+\\.feeds\\.([a-z]+-)*topic");
    private static final Pattern INCOMING_TOPIC_KEY = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.topic");

    final String service;
    private final Properties properties = new Properties();

    ServiceSettings(String service) {
        this.service = service;
        try {
            properties.load(new StringReader(Repository.read(
                    Repository.root().resolve(service).resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String key) {
        if (key.equals("quarkus.application.version") && !properties.containsKey(key)) {
            return Repository.version();
        }
        String value = properties.getProperty(key);
        if (value == null) {
            return null;
        }
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = get(matcher.group(1));
            if (replacement == null) {
                replacement = matcher.group(2);
            }
            if (replacement == null) {
                throw new IllegalStateException(service + ": cannot resolve " + matcher.group());
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    String required(String key) {
        String value = get(key);
        if (value == null) {
            throw new AssertionError(service + "/src/main/resources/application.properties has no " + key);
        }
        return value;
    }

    int httpPort() {
        return Integer.parseInt(required("quarkus.http.port"));
    }

    /** group/name:tag, as quarkus-container-image-jib names the image it builds. */
    String image() {
        return required("quarkus.container-image.group") + "/" + required("quarkus.container-image.name") + ":"
                + required("quarkus.container-image.tag");
    }

    /** Every topic the service reads or writes: its channels, their dead-letter topics, topics of its own. */
    Set<String> topics() {
        return topicsMatching(TOPIC_KEY);
    }

    Set<String> consumedTopics() {
        return topicsMatching(INCOMING_TOPIC_KEY);
    }

    private Set<String> topicsMatching(Pattern key) {
        Set<String> topics = new LinkedHashSet<>();
        for (String name : properties.stringPropertyNames()) {
            if (key.matcher(name).matches()) {
                topics.add(get(name));
            }
        }
        return topics;
    }

    /** The heap the image's JVM takes from a container memory limit, by its -XX:MaxRAMPercentage. */
    long heapMebibytes(long memoryLimitMebibytes) {
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)")
                .matcher(required("quarkus.jib.jvm-additional-arguments"));
        if (!percentage.find()) {
            throw new AssertionError(service + ": quarkus.jib.jvm-additional-arguments sets no -XX:MaxRAMPercentage");
        }
        return (long) (memoryLimitMebibytes * Double.parseDouble(percentage.group(1)) / 100);
    }

    boolean exportsPrometheusMetrics() {
        return Repository.read(Repository.root().resolve(service).resolve("pom.xml"))
                .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
    }
}
