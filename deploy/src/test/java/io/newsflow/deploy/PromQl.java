package io.newsflow.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests need to know about a PromQL expression: the metrics it reads, and that its brackets pair up. */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Map<Character, Character> PAIRS = Map.of(')', '(', ']', '[', '}', '{');

    private PromQl() {
    }

    /** The metric names an expression selects (functions, keywords, labels, durations and variables left out). */
    static Set<String> metricNames(String expression) {
        String stripped = STRING.matcher(expression).replaceAll("\"\"");
        stripped = stripped.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        stripped = stripped.replaceAll("\\$\\w+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = stripped.substring(identifier.end()).matches("(?s)\\s*\\(.*");
            boolean number = identifier.start() > 0 && Character.isDigit(stripped.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Null when (), [] and {} pair up outside strings; else what is wrong. */
    static String bracketProblem(String expression) {
        String stripped = STRING.matcher(expression).replaceAll("\"\"");
        Deque<Character> open = new ArrayDeque<>();
        for (char c : stripped.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                open.push(c);
            } else if (PAIRS.containsKey(c)) {
                if (open.isEmpty() || open.pop() != PAIRS.get(c)) {
                    return "unmatched '" + c + "'";
                }
            }
        }
        return open.isEmpty() ? null : "unclosed '" + open.peek() + "'";
    }

    /**
     * The name a metric's documentation uses: histogram and summary series ({@code _bucket}, {@code _count},
     * {@code _sum}, {@code _max}) are documented under their metric's name.
     */
    static String documentedName(String series) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
            if (series.endsWith(suffix)) {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return series;
    }

    /** The Micrometer name of a Prometheus name: {@code newsflow_store_commit_seconds} → newsflow.store.commit. */
    static String micrometerName(String prometheusName) {
        return prometheusName.replaceAll("_(total|seconds)$", "").replace('_', '.');
    }
}
