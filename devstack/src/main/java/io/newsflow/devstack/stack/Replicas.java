package io.newsflow.devstack.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many processes of each service the stack runs: {@code ingest=2,enrich=2,store=2}. The first of each listens on
 * the service's configured port, the others on free ports; ingest replicas share the feeds and sitemaps through their
 * consumer group, enrich and store replicas the partitions of their input topics.
 */
public record Replicas(int ingest, int enrich, int store) {

    public static final Replicas ONE = new Replicas(1, 1, 1);

    public Replicas {
        for (int count : new int[] {ingest, enrich, store}) {
            if (count < 1 || count > 8) {
                throw new IllegalArgumentException("replicas must be between 1 and 8, was " + count);
            }
        }
    }

    /** {@code ingest=2,enrich=2,store=2}; a service left out runs once. */
    public static Replicas parse(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("ingest", 1, "enrich", 1, "store", 1));
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2 || !counts.containsKey(pair[0].trim())) {
                throw new IllegalArgumentException("--replicas takes ingest=N,enrich=N,store=N, not '" + text + "'");
            }
            try {
                counts.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--replicas: '" + pair[1] + "' is not a number");
            }
        }
        return new Replicas(counts.get("ingest"), counts.get("enrich"), counts.get("store"));
    }

    public int of(String service) {
        return switch (service) {
            case Stack.INGEST -> ingest;
            case Stack.ENRICH -> enrich;
            case Stack.STORE -> store;
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }
}
