package io.newsflow.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A service's application.properties as its packaged build reads it: the default profile, expressions resolved. */
final class ServiceSettings {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final Pattern TOPIC_KEY = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)"
                    + "|newsflow\\.[a-z]+\\.feeds\\.([a-z]+-)*topic");
    private static final Pattern INCOMING_TOPIC_KEY = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.topic");
    private static final Pattern PROPERTY_NAME = Pattern.compile("(?<![A-Za-z0-9_.-])((?:quarkus|kafka|mp|newsflow)"
            + "(?:\\.[a-z0-9\"-]+)+)");

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

    /**
     * Whether the service reads the environment variable {@code name}. Quarkus maps a variable to the property whose
     * name, upper-cased with every other character than letters and digits made {@code _}, is the variable's name,
     * so the variable is read when it is that form of a property the service reads:
     * <ul>
     * <li>a {@code newsflow.*} property the code injects ({@code @ConfigProperty(name = …)}), one under a
     * {@code @ConfigMapping} prefix that application.properties or the README names, or one that another property's
     * value refers to ({@code quarkus.flyway.placeholders.readerPassword=${newsflow.store.reader-password}});</li>
     * <li>a property of Quarkus or of an extension ({@code quarkus.*}, {@code kafka.*}, {@code mp.*}) that
     * application.properties sets or the README documents;</li>
     * <li>or an expression of application.properties names the variable itself ({@code ${NEWSFLOW_LOG_JSON:false}}).</li>
     * </ul>
     */
    boolean readsEnvironmentVariable(String name) {
        if (expressionVariables().contains(name)) {
            return true;
        }
        Set<String> named = namedProperties();
        Set<String> injected = injectedProperties();
        injected.addAll(referencedProperties());
        Set<String> prefixes = mappingPrefixes();
        for (String property : named) {
            if (!environmentForm(property).equals(name)) {
                continue;
            }
            boolean read = property.startsWith("newsflow.")
                    ? injected.contains(property) || prefixes.stream().anyMatch(p -> property.startsWith(p + "."))
                    : true;
            if (read) {
                return true;
            }
        }
        return injected.stream().anyMatch(p -> environmentForm(p).equals(name));
    }

    /** The key of application.properties that the environment variable {@code name} overrides, or null. */
    String propertyOfVariable(String name) {
        return properties.stringPropertyNames().stream().filter(p -> !p.startsWith("%"))
                .filter(p -> environmentForm(p).equals(name)).findFirst().orElse(null);
    }

    static String environmentForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Properties application.properties sets or names in its comments, and those the README names. */
    private Set<String> namedProperties() {
        Set<String> names = new HashSet<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith("%")) {
                names.add(name);
            }
        }
        String text = Repository.read(Repository.root().resolve(service).resolve("src/main/resources/application.properties"))
                + Repository.read(Repository.root().resolve(service).resolve("README.md"));
        Matcher matcher = PROPERTY_NAME.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).replaceAll("[.-]+$", ""));
        }
        return names;
    }

    private Set<String> expressionVariables() {
        Set<String> variables = new HashSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(Repository.read(
                Repository.root().resolve(service).resolve("src/main/resources/application.properties")));
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    /** Properties named in expressions of application.properties' values. */
    private Set<String> referencedProperties() {
        Set<String> referenced = new HashSet<>();
        for (String name : properties.stringPropertyNames()) {
            Matcher matcher = EXPRESSION.matcher(properties.getProperty(name));
            while (matcher.find()) {
                referenced.add(matcher.group(1));
            }
        }
        return referenced;
    }

    private Set<String> injectedProperties() {
        return sourceMatches(Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\""));
    }

    private Set<String> mappingPrefixes() {
        return sourceMatches(Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\""));
    }

    private Set<String> sourceMatches(Pattern pattern) {
        Set<String> found = new HashSet<>();
        Path sources = Repository.root().resolve(service).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher matcher = pattern.matcher(Repository.read(f));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    boolean exportsPrometheusMetrics() {
        return Repository.read(Repository.root().resolve(service).resolve("pom.xml"))
                .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
    }
}
