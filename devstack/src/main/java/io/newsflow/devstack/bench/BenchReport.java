package io.newsflow.devstack.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.stack.Stack;

/**
 * What one benchmark run measured, as a table for people and as one JSON object for scripts.
 *
 * @param articles        articles sent and stored
 * @param warmUpArticles  articles sent through the pipeline, untimed, before them
 * @param seconds         from the first article's arrival at ingest to the transaction that stored the last one
 * @param acceptSeconds   wall time until ingest had accepted every article
 * @param retries         batches sent again after ingest answered 5xx
 * @param latencyMs       per article, its time from arrival at ingest to the transaction that stored it
 * @param stages          where that time went, per article
 * @param mode            {@code full} or {@code no-nlp}
 * @param engines         enrich-service's engines alone on a sample of the corpus; empty when not measured
 * @param services        CPU and peak memory of each service while the corpus went through
 */
public record BenchReport(int articles, int warmUpArticles, double seconds, double acceptSeconds, int retries,
        Percentiles latencyMs, Stages stages, String mode, String languages, int batch, OptionalDouble offeredRate,
        long seed, EngineSpeed engines, Map<String, ProcessUsage> services) {

    /**
     * An article's latency cut at the timestamps the pipeline records: its arrival at ingest ({@code fetchedAt}), the
     * end of its enrichment ({@code enrichedAt}, less the engines' own time {@code tookMs}, gives the start), and the
     * store's transaction.
     *
     * @param toEnrichment ingest's publication, the wait on {@code news.articles.raw.v1} and in enrich-service's
     *                     consumer until the engines start on the article
     * @param enrichment   the engines' time on the article
     * @param toStore      enrich-service's publication, the wait on {@code news.articles.enriched.v1} and in
     *                     store-service's consumer until the transaction that stores the article
     */
    public record Stages(Percentiles toEnrichment, Percentiles enrichment, Percentiles toStore) {
    }

    /**
     * enrich-service's {@code POST /engines/benchmark} answer, or why there is none.
     *
     * @param articlesPerSec empty when the engines were not measured; {@code unavailable} then says why
     * @param used           CPU time enrich-service's process used during the timed run; empty where {@code /proc}
     *                       cannot tell
     */
    public record EngineSpeed(int articles, int threads, double seconds, OptionalDouble articlesPerSec,
            Optional<ProcessUsage> used, String unavailable) {

        public static EngineSpeed measured(int articles, int threads, double seconds, double articlesPerSec,
                Optional<ProcessUsage> used) {
            return new EngineSpeed(articles, threads, seconds, OptionalDouble.of(articlesPerSec), used, null);
        }

        public static EngineSpeed unavailable(String why) {
            return new EngineSpeed(0, 0, 0, OptionalDouble.empty(), Optional.empty(), why);
        }
    }

    /**
     * CPU milliseconds per article of one process over one run.
     *
     * @param total      everything the process used
     * @param compiling  the JIT compiler's part of it
     */
    public record CpuPerArticle(double total, double compiling) {

        static Optional<CpuPerArticle> of(Optional<ProcessUsage> used, int articles) {
            return used.filter(u -> articles > 0).map(u -> new CpuPerArticle(u.cpuSeconds() * 1000 / articles,
                    u.jitCpuSeconds() * 1000 / articles));
        }

        /** Without the compiler's part: the steady state, which a longer run approaches. */
        public double working() {
            return total - compiling;
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

    /** enrich-service's CPU time per article while the corpus went through the pipeline. */
    public Optional<CpuPerArticle> pipelineCpu() {
        return CpuPerArticle.of(Optional.ofNullable(services.get(Stack.ENRICH)), articles);
    }

    /** enrich-service's CPU time per article while its engines ran alone. */
    public Optional<CpuPerArticle> enginesCpu() {
        return CpuPerArticle.of(engines.used(), engines.articles());
    }

    /**
     * The engines' CPU time per article as a fraction of enrich-service's in the pipeline, both without the JIT
     * compiler's part: what the Kafka path costs on top of the work itself, independent of how much of the machine
     * others took meanwhile (1 = nothing).
     */
    public OptionalDouble pipelineToEnginesByCpu() {
        Optional<CpuPerArticle> pipeline = pipelineCpu();
        Optional<CpuPerArticle> alone = enginesCpu();
        return pipeline.isPresent() && alone.isPresent() && pipeline.get().working() > 0
                ? OptionalDouble.of(alone.get().working() / pipeline.get().working())
                : OptionalDouble.empty();
    }

    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "newsflow bench: %d articles (%s), mode %s, batch %d, offered rate %s,"
                + " seed %d, after %d warm-up articles%n", articles, languages, mode, batch,
                offeredRate.isPresent() ? format(offeredRate.getAsDouble()) + "/s" : "as fast as accepted", seed,
                warmUpArticles));
        t.append(String.format(Locale.ROOT, "%n  end to end%n"));
        row(t, "throughput", format(throughputPerSec()) + " articles/s");
        row(t, "duration (first fetched - last stored)", format(seconds) + " s");
        row(t, "ingest accepted all after", format(acceptSeconds) + " s"
                + (retries > 0 ? " (" + retries + " batches sent again after a 5xx answer)" : ""));
        row(t, "latency p50 (fetched -> stored)", format(latencyMs.percentile(50)) + " ms");
        row(t, "latency p95", format(latencyMs.percentile(95)) + " ms");
        row(t, "latency p99", format(latencyMs.percentile(99)) + " ms");
        row(t, "latency max", format(latencyMs.max()) + " ms");
        t.append(String.format(Locale.ROOT, "%n  %-44s %10s %10s %10s%n", "where the latency went", "p50 ms", "p95 ms",
                "p99 ms"));
        stage(t, "fetched -> enrichment starts", stages.toEnrichment());
        stage(t, "enrichment (engines)", stages.enrichment());
        stage(t, "enriched -> store transaction", stages.toStore());
        t.append(String.format(Locale.ROOT, "%n  %-24s %10s %14s %16s %14s%n", "service", "CPU s", "of it JIT s",
                "CPU ms/article", "peak RSS MiB"));
        services.forEach((name, usage) -> t.append(String.format(Locale.ROOT, "  %-24s %10s %14s %16s %14s%n", name,
                format(usage.cpuSeconds()), format(usage.jitCpuSeconds()),
                format(articles > 0 ? usage.cpuSeconds() * 1000 / articles : 0), format(usage.peakRssKiB() / 1024.0))));
        t.append(String.format(Locale.ROOT, "%n  engines alone (POST /engines/benchmark)%n"));
        if (engines.articlesPerSec().isPresent()) {
            row(t, "speed", format(engines.articlesPerSec().getAsDouble()) + " articles/s");
            row(t, "sample", engines.articles() + " articles on " + engines.threads() + " threads in "
                    + format(engines.seconds()) + " s, after the pipeline's run");
            row(t, "pipeline / engines", format(pipelineToEngines().orElse(0) * 100) + " %");
            row(t, "enrich-service CPU per article, pipeline", cpu(pipelineCpu()));
            row(t, "enrich-service CPU per article, engines", cpu(enginesCpu()));
            row(t, "pipeline / engines by CPU (JIT set apart)", pipelineToEnginesByCpu().isPresent()
                    ? format(pipelineToEnginesByCpu().getAsDouble() * 100) + " %" : "not measured");
        } else {
            row(t, "not measured", engines.unavailable());
        }
        return t.toString();
    }

    private static String cpu(Optional<CpuPerArticle> value) {
        return value.map(v -> format(v.total()) + " ms, " + format(v.compiling()) + " of them compiling")
                .orElse("not measured");
    }

    private static void stage(StringBuilder t, String label, Percentiles p) {
        t.append(String.format(Locale.ROOT, "  %-44s %10s %10s %10s%n", label, format(p.percentile(50)),
                format(p.percentile(95)), format(p.percentile(99))));
    }

    private static void row(StringBuilder t, String label, String value) {
        t.append(String.format(Locale.ROOT, "  %-44s %s%n", label, value));
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
        json.put("enrichCpuMsPerArticle", ordered("pipeline", cpuJson(pipelineCpu()),
                "engines", cpuJson(enginesCpu())));
        json.put("pipelineToEnginesByCpu", rounded(pipelineToEnginesByCpu()));
        json.put("warmUpArticles", warmUpArticles);
        json.put("stagesMs", ordered("toEnrichment", percentiles(stages.toEnrichment()),
                "enrichment", percentiles(stages.enrichment()), "toStore", percentiles(stages.toStore())));
        json.put("acceptSeconds", round(acceptSeconds));
        json.put("retriedBatches", retries);
        json.put("languages", List.of(languages.split(",")));
        json.put("batch", batch);
        json.put("offeredRatePerSec", offeredRate.isPresent() ? offeredRate.getAsDouble() : null);
        json.put("seed", seed);
        Map<String, Object> usage = new LinkedHashMap<>();
        services.forEach((name, u) -> usage.put(name, ordered("cpuSeconds", round(u.cpuSeconds()),
                "jitCpuSeconds", round(u.jitCpuSeconds()), "peakRssMiB", round(u.peakRssKiB() / 1024.0))));
        json.put("services", usage);
        try {
            return new ObjectMapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings is always JSON", e);
        }
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        return ordered("p50", round(p.percentile(50)), "p95", round(p.percentile(95)), "p99", round(p.percentile(99)));
    }

    private static Map<String, Object> cpuJson(Optional<CpuPerArticle> value) {
        return value.map(v -> ordered("total", round(v.total()), "jit", round(v.compiling()))).orElse(null);
    }

    private static Double rounded(OptionalDouble value) {
        return value.isPresent() ? round(value.getAsDouble()) : null;
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
