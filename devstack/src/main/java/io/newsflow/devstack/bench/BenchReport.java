package io.newsflow.devstack.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one benchmark run measured, as a table for people and as one JSON object for scripts.
 *
 * @param articles        articles sent and stored
 * @param seconds         from the first article's arrival at ingest to the last one's commit in PostgreSQL
 * @param acceptSeconds   wall time until ingest had accepted every article
 * @param retries         batches sent again after ingest answered 5xx
 * @param latencyMs       per article, its time from arrival at ingest to its commit in PostgreSQL
 * @param mode            {@code full} or {@code no-nlp}
 * @param engines         enrich-service's engines alone on a sample of the corpus; empty when not measured
 * @param services        CPU and peak memory of each service while the corpus went through
 */
public record BenchReport(int articles, double seconds, double acceptSeconds, int retries, Percentiles latencyMs,
        String mode, String languages, int batch, OptionalDouble offeredRate, long seed, EngineSpeed engines,
        Map<String, ProcessUsage> services) {

    /**
     * enrich-service's {@code POST /engines/benchmark} answer, or why there is none.
     *
     * @param articlesPerSec empty when the engines were not measured; {@code unavailable} then says why
     */
    public record EngineSpeed(int articles, int threads, double seconds, OptionalDouble articlesPerSec,
            String unavailable) {

        public static EngineSpeed measured(int articles, int threads, double seconds, double articlesPerSec) {
            return new EngineSpeed(articles, threads, seconds, OptionalDouble.of(articlesPerSec), null);
        }

        public static EngineSpeed unavailable(String why) {
            return new EngineSpeed(0, 0, 0, OptionalDouble.empty(), why);
        }
    }

    public double throughputPerSec() {
        return seconds > 0 ? articles / seconds : 0;
    }

    /** The pipeline's throughput as a fraction of what its engines alone manage on the same machine. */
    public OptionalDouble pipelineToEngines() {
        return engines.articlesPerSec().isPresent() && engines.articlesPerSec().getAsDouble() > 0
                ? OptionalDouble.of(throughputPerSec() / engines.articlesPerSec().getAsDouble())
                : OptionalDouble.empty();
    }

    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "newsflow bench: %d articles (%s), mode %s, batch %d, offered rate %s, seed %d%n",
                articles, languages, mode, batch,
                offeredRate.isPresent() ? format(offeredRate.getAsDouble()) + "/s" : "as fast as accepted", seed));
        t.append(String.format(Locale.ROOT, "%n  end to end%n"));
        row(t, "throughput", format(throughputPerSec()) + " articles/s");
        row(t, "duration (first fetched - last stored)", format(seconds) + " s");
        row(t, "ingest accepted all after", format(acceptSeconds) + " s"
                + (retries > 0 ? " (" + retries + " batches sent again after a 5xx answer)" : ""));
        row(t, "latency p50 (fetched -> stored)", format(latencyMs.percentile(50)) + " ms");
        row(t, "latency p95", format(latencyMs.percentile(95)) + " ms");
        row(t, "latency p99", format(latencyMs.percentile(99)) + " ms");
        row(t, "latency max", format(latencyMs.max()) + " ms");
        t.append(String.format(Locale.ROOT, "%n  %-24s %14s %14s %14s%n", "service", "CPU s", "CPU s/article",
                "peak RSS MiB"));
        services.forEach((name, usage) -> t.append(String.format(Locale.ROOT, "  %-24s %14s %14s %14s%n", name,
                format(usage.cpuSeconds()), format(articles > 0 ? usage.cpuSeconds() / articles : 0),
                format(usage.peakRssKiB() / 1024.0))));
        t.append(String.format(Locale.ROOT, "%n  engines alone (POST /engines/benchmark)%n"));
        if (engines.articlesPerSec().isPresent()) {
            row(t, "speed", format(engines.articlesPerSec().getAsDouble()) + " articles/s");
            row(t, "sample", engines.articles() + " articles on " + engines.threads() + " threads in "
                    + format(engines.seconds()) + " s");
            row(t, "pipeline / engines", format(pipelineToEngines().orElse(0) * 100) + " %");
        } else {
            row(t, "not measured", engines.unavailable());
        }
        return t.toString();
    }

    private static void row(StringBuilder t, String label, String value) {
        t.append(String.format(Locale.ROOT, "  %-40s %s%n", label, value));
    }

    public String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("articles", articles);
        json.put("seconds", round(seconds));
        json.put("throughputPerSec", round(throughputPerSec()));
        json.put("latencyMs", ordered("p50", round(latencyMs.percentile(50)), "p95", round(latencyMs.percentile(95)),
                "p99", round(latencyMs.percentile(99)), "max", round(latencyMs.max())));
        json.put("mode", mode);
        json.put("engineOnlyPerSec", engines.articlesPerSec().isPresent()
                ? round(engines.articlesPerSec().getAsDouble()) : null);
        json.put("pipelineToEngines", pipelineToEngines().isPresent() ? round(pipelineToEngines().getAsDouble()) : null);
        json.put("acceptSeconds", round(acceptSeconds));
        json.put("retriedBatches", retries);
        json.put("languages", List.of(languages.split(",")));
        json.put("batch", batch);
        json.put("offeredRatePerSec", offeredRate.isPresent() ? offeredRate.getAsDouble() : null);
        json.put("seed", seed);
        Map<String, Object> usage = new LinkedHashMap<>();
        services.forEach((name, u) -> usage.put(name, ordered("cpuSeconds", round(u.cpuSeconds()),
                "peakRssMiB", round(u.peakRssKiB() / 1024.0))));
        json.put("services", usage);
        try {
            return new ObjectMapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings is always JSON", e);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
