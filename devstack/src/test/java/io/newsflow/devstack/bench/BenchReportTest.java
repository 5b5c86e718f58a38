package io.newsflow.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BenchReportTest {

    private static final double[] LATENCIES = IntStream.rangeClosed(1, 1000).asDoubleStream().map(i -> i * 10)
            .toArray();

    private static BenchReport.EngineSpeed engines() {
        return BenchReport.EngineSpeed.measured(200, 2, 10, 20, Optional.of(new ProcessUsage(24.08, 4, 0)));
    }

    @Test
    void jsonCarriesTheMeasuredNumbers() throws Exception {
        BenchReport report = report(engines());

        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(json.path("articles").asInt()).isEqualTo(1000);
        assertThat(json.path("seconds").asDouble()).isEqualTo(80);
        assertThat(json.path("throughputPerSec").asDouble()).isEqualTo(12.5);
        assertThat(json.path("latencyMs").path("p50").asDouble()).isEqualTo(5000);
        assertThat(json.path("latencyMs").path("p95").asDouble()).isEqualTo(9500);
        assertThat(json.path("latencyMs").path("p99").asDouble()).isEqualTo(9900);
        assertThat(json.path("mode").asText()).isEqualTo("full");
        assertThat(json.path("engineOnlyPerSec").asDouble()).isEqualTo(20);
        assertThat(json.path("pipelineToEngines").asDouble()).isEqualTo(0.63);
        assertThat(json.path("services").path("enrich-service").path("cpuSeconds").asDouble()).isEqualTo(150.5);
        assertThat(json.path("services").path("enrich-service").path("peakRssMiB").asDouble()).isEqualTo(1024);
        assertThat(json.path("languages")).hasSize(2);
        assertThat(json.path("retriedBatches").asInt()).isEqualTo(3);
        assertThat(json.path("warmUpArticles").asInt()).isEqualTo(150);
        assertThat(json.path("stagesMs").path("toEnrichment").path("p99").asDouble()).isEqualTo(990);
        assertThat(json.path("stagesMs").path("enrichment").path("p50").asDouble()).isEqualTo(250);
        assertThat(json.path("stagesMs").path("toStore").path("p95").asDouble()).isEqualTo(1900);
        assertThat(report.json()).doesNotContain("\n");
    }

    @Test
    void enrichCpuPerArticleIsSetAgainstTheEnginesOwn() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(engines()).json());

        // 150.5 CPU s (10.5 of them compiling) for 1000 articles in the pipeline, 24.08 CPU s (4) for 200 alone
        assertThat(json.path("enrichCpuMsPerArticle").path("pipeline").path("total").asDouble()).isEqualTo(150.5);
        assertThat(json.path("enrichCpuMsPerArticle").path("pipeline").path("jit").asDouble()).isEqualTo(10.5);
        assertThat(json.path("enrichCpuMsPerArticle").path("engines").path("total").asDouble()).isEqualTo(120.4);
        assertThat(json.path("enrichCpuMsPerArticle").path("engines").path("jit").asDouble()).isEqualTo(20);
        // (120.4 - 20) / (150.5 - 10.5)
        assertThat(json.path("pipelineToEnginesByCpu").asDouble()).isEqualTo(0.72);
        assertThat(json.path("services").path("enrich-service").path("jitCpuSeconds").asDouble()).isEqualTo(10.5);
    }

    @Test
    void engineCpuUnknownLeavesTheCpuRatioNull() throws Exception {
        BenchReport report = report(BenchReport.EngineSpeed.measured(200, 2, 10, 20, Optional.empty()));

        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(json.path("enrichCpuMsPerArticle").path("engines").isNull()).isTrue();
        assertThat(json.path("pipelineToEnginesByCpu").isNull()).isTrue();
        assertThat(json.path("engineOnlyPerSec").asDouble()).isEqualTo(20);
        assertThat(report.table()).contains("not measured");
    }

    @Test
    void tableShowsThroughputLatencyResourcesAndTheRatioToTheEngines() {
        String table = report(engines()).table();

        assertThat(table).contains("12.50 articles/s").contains("5000 ms").contains("9900 ms")
                .contains("enrich-service").contains("1024").contains("20.00 articles/s").contains("62.50 %")
                .contains("3 batches sent again").contains("after 150 warm-up articles")
                .contains("120 ms, 20.00 of them compiling").contains("71.71 %").contains("enrichment (engines)");
    }

    @Test
    void missingEngineBenchmarkIsExplainedAndLeavesTheRatioNull() throws Exception {
        BenchReport report = report(BenchReport.EngineSpeed.unavailable("enrich-service answered 404"));

        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(json.path("engineOnlyPerSec").isNull()).isTrue();
        assertThat(json.path("pipelineToEngines").isNull()).isTrue();
        assertThat(json.path("pipelineToEnginesByCpu").isNull()).isTrue();
        assertThat(report.table()).contains("enrich-service answered 404");
    }

    private static BenchReport report(BenchReport.EngineSpeed engines) {
        Map<String, ProcessUsage> services = new LinkedHashMap<>();
        services.put("ingest-service", new ProcessUsage(12.25, 1, 300 * 1024));
        services.put("enrich-service", new ProcessUsage(150.5, 10.5, 1024 * 1024));
        BenchReport.Stages stages = new BenchReport.Stages(scaled(0.1), scaled(0.05), scaled(0.2));
        return new BenchReport(1000, 150, 80, 12, 3, new Percentiles(LATENCIES), stages, "full", "en,fr", 100,
                OptionalDouble.empty(), 1, engines, services);
    }

    private static Percentiles scaled(double factor) {
        return new Percentiles(Arrays.stream(LATENCIES).map(v -> v * factor).toArray());
    }

    @Test
    void optionsHaveTheDocumentedDefaults() {
        BenchOptions options = BenchOptions.parse(List.of());

        assertThat(options.articles()).isEqualTo(10_000);
        assertThat(options.rate()).isEmpty();
        assertThat(options.mode()).isEqualTo("full");
        assertThat(options.batch()).isEqualTo(100);
        assertThat(options.languages()).isEqualTo(LanguagePacks.codes());
        assertThat(options.engineSample()).isEqualTo(200);
        assertThat(options.warmUp()).isEqualTo(200);
    }

    @Test
    void aRateSendsSmallBatchesTenTimesASecondUnlessABatchIsGiven() {
        assertThat(BenchOptions.parse(List.of("--rate", "12")).batch()).isEqualTo(2);
        assertThat(BenchOptions.parse(List.of("--rate", "3")).batch()).isEqualTo(1);
        assertThat(BenchOptions.parse(List.of("--rate", "5000")).batch()).isEqualTo(100);
        assertThat(BenchOptions.parse(List.of("--rate", "12", "--batch", "50")).batch()).isEqualTo(50);
    }

    @Test
    void theWarmUpIsAtMostTwoHundredArticlesAndCanBeTurnedOff() {
        assertThat(BenchOptions.parse(List.of("--articles", "50")).warmUp()).isEqualTo(50);
        assertThat(BenchOptions.parse(List.of("--warmup", "500")).warmUp()).isEqualTo(500);
        assertThat(BenchOptions.parse(List.of("--warmup=0")).warmUp()).isZero();
    }

    @Test
    void optionsAreReadInBothSpellings() {
        BenchOptions options = BenchOptions.parse(List.of("--articles", "2000", "--no-nlp", "--lang=en, fr",
                "--rate", "150.5", "--batch=50", "--seed", "9", "--engine-sample", "30"));

        assertThat(options.articles()).isEqualTo(2000);
        assertThat(options.mode()).isEqualTo("no-nlp");
        assertThat(options.languages()).containsExactly("en", "fr");
        assertThat(options.rate()).hasValue(150.5);
        assertThat(options.batch()).isEqualTo(50);
        assertThat(options.seed()).isEqualTo(9);
        assertThat(options.engineSample()).isEqualTo(30);
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThat(List.of(List.of("--articles", "0"), List.of("--rate", "fast"), List.of("--lang", "en,zz"),
                List.of("--batch", "20000"), List.of("--frobnicate", "1"), List.of("--seed"),
                List.of("--warmup", "-1")))
                .allSatisfy(args -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse(args))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(args.get(0).startsWith("--lang") ? "zz" : args.get(0)));
    }
}
