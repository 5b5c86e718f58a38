package io.newsflow.devstack.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of a Prometheus text exposition ({@code /q/metrics}, format 0.0.4 and the OpenMetrics text it extends):
 * every sample with its labels. Comments and type hints are skipped: the status screen reads counters and gauges by
 * name and does not need them.
 */
record PrometheusText(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {

        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(trimmed));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unreadable metrics line " + number + " (" + e.getMessage() + "): "
                        + trimmed, e);
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    private static Sample parseLine(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                    i++;
                }
                if (i >= line.length()) {
                    throw new IllegalArgumentException("labels not closed");
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label without a quoted value");
                }
                String key = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                i = eq + 2;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("label value not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && i < line.length()) {
                        char escaped = line.charAt(i++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    List<Sample> matching(Predicate<Sample> filter) {
        return samples.stream().filter(filter).toList();
    }

    /** The sum of every finite sample of {@code name} (NaN, as Kafka reports a lag it does not know yet, is skipped). */
    double sum(String name) {
        return named(name).stream().mapToDouble(Sample::value).filter(Double::isFinite).sum();
    }
}
