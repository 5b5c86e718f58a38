package io.newsflow.ingest.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hostile inputs came to, per category: how many were sent, how many were refused exactly as documented,
 * how many got a server error, and how many records reached the raw topic while they were being sent.
 */
final class Tally {

    private static final int MAX_REPORTED_MISMATCHES = 60;

    private static final class Row {
        int inputs;
        int refusedAsExpected;
        int serverErrors;
        long published;
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();

    synchronized void record(String category, String description, boolean asExpected, boolean serverError, String got) {
        Row row = rows.computeIfAbsent(category, c -> new Row());
        row.inputs++;
        if (asExpected) {
            row.refusedAsExpected++;
        } else {
            mismatches.add(category + " / " + description + ": " + got);
        }
        if (serverError) {
            row.serverErrors++;
        }
    }

    synchronized void published(String category, long records) {
        rows.computeIfAbsent(category, c -> new Row()).published += records;
    }

    synchronized int inputs(String prefix) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().inputs).sum();
    }

    synchronized List<String> mismatches(String prefix) {
        return mismatches.stream().filter(m -> m.startsWith(prefix)).limit(MAX_REPORTED_MISMATCHES).toList();
    }

    synchronized long serverErrors(String prefix) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().serverErrors).sum();
    }

    synchronized long published(String prefix) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().published).sum();
    }

    synchronized String table(long seed) {
        StringBuilder out = new StringBuilder();
        String format = "%-40s %7s %10s %5s %10s%n";
        out.append(String.format("Hostile input suite, seed %d (-Dnewsflow.hostile.seed=%d reproduces it)%n", seed, seed));
        out.append(String.format(format, "category", "inputs", "refused ok", "5xx", "published"));
        int inputs = 0;
        int refused = 0;
        int errors = 0;
        long published = 0;
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row row = e.getValue();
            out.append(String.format(format, e.getKey(), row.inputs, row.refusedAsExpected, row.serverErrors, row.published));
            inputs += row.inputs;
            refused += row.refusedAsExpected;
            errors += row.serverErrors;
            published += row.published;
        }
        out.append(String.format(format, "TOTAL", inputs, refused, errors, published));
        return out.toString();
    }
}
