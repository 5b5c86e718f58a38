package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Prometheus dashboard: its queries read only metrics the services document, from the provisioned
 * Prometheus data source.
 */
class PipelineDashboardTest {

    private static final String FILE = "grafana/dashboards/newsflow-pipeline.json";

    record Query(String panel, String expr) {
    }

    private static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Files.readString(Repository.deploy().resolve(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                queries.add(new Query(panel.path("title").asText(), target.path("expr").asText()))));
        return queries;
    }

    @Test
    void everyQueryReadsOnlyMetricsTheServicesDocument() {
        List<Query> queries = queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            assertThat(query.expr()).as(query.panel()).isNotBlank();
            assertThat(PromQl.bracketProblem(query.expr())).as("%s: %s", query.panel(), query.expr()).isNull();
            Set<String> metrics = PromQl.metricNames(query.expr());
            assertThat(metrics).as("%s reads a metric: %s", query.panel(), query.expr()).isNotEmpty();
            metrics.forEach(metric -> ServiceMetrics.unknown(metric)
                    .ifPresent(why -> problems.add(query.panel() + ": " + why)));
        }
        assertThat(problems).as("metrics the dashboard reads that no service documents").isEmpty();
    }

    @Test
    void dashboardAnswersTheOperatorsQuestions() {
        Set<String> metrics = new LinkedHashSet<>();
        queries().forEach(query -> metrics.addAll(PromQl.metricNames(query.expr())));
        assertThat(metrics).as("ingest, enrich, engines, batches, commits, freshness, lag, dead letters, errors, up")
                .contains("newsflow_ingest_articles_published_total", "newsflow_ingest_articles_refused_total",
                        "newsflow_enrich_articles_enriched_total", "newsflow_enrich_engine_seconds_sum",
                        "newsflow_store_batches_total", "newsflow_store_commit_seconds_sum",
                        "newsflow_store_freshness_seconds_bucket", "kafka_consumer_fetch_manager_records_lag",
                        "newsflow_enrich_articles_dead_lettered_total", "newsflow_store_articles_dead_lettered_total",
                        "newsflow_errors_total", "up");
        String freshness = queries().stream().map(Query::expr).filter(e -> e.contains("freshness")).toList()
                .toString();
        assertThat(freshness)
                .contains("histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,");
    }

    @Test
    void panelsUseTheProvisionedPrometheusSourceAndHaveUniqueIds() {
        JsonNode provisioning = Manifests.parse(Repository.read(
                Repository.deploy().resolve("grafana/provisioning/datasources/newsflow.yml")));
        JsonNode prometheus = null;
        for (JsonNode source : provisioning.path("datasources")) {
            if (source.path("type").asText().equals("prometheus")) {
                prometheus = source;
            }
        }
        assertThat(prometheus).as("a provisioned Prometheus data source").isNotNull();
        assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
        String uid = prometheus.path("uid").asText();

        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asText()).isNotEqualTo(GrafanaDashboardTest.dashboard().path("uid").asText());
        Set<Integer> ids = new HashSet<>();
        dashboard.path("panels").forEach(panel -> {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
            panel.path("targets").forEach(target ->
                    assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid));
        });
    }

    @Test
    void lagPanelKeepsOneCopyOfEachTopicPerConsumerGroup() {
        String lag = queries().stream().map(Query::expr)
                .filter(e -> e.contains("kafka_consumer_fetch_manager_records_lag")).findFirst().orElseThrow();
        // Kafka reports a topic both as news.articles.raw.v1 and news_articles_raw_v1; the job is the consumer group.
        assertThat(lag).contains("topic=~\"news[.].+\"").contains("by (job, topic, partition)");
    }
}
