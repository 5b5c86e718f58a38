package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/alerts.yml in Prometheus' rule file format, checked without promtool: its structure, durations,
 * labels and annotations, that each expression reads only documented metrics, and that Prometheus loads the file.
 */
class AlertRulesTest {

    private static final String FILE = "prometheus/alerts.yml";
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Z][A-Za-z0-9]+");
    private static final Pattern LABEL_REFERENCE = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels",
            "annotations");

    private static JsonNode rules() {
        return Manifests.parse(Repository.read(Repository.deploy().resolve(FILE)));
    }

    private static List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        rules().path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        return alerts;
    }

    @Test
    void rulesFileHasPrometheusStructure() {
        JsonNode file = rules();
        assertThat(file.fieldNames()).toIterable().containsExactly("groups");
        assertThat(file.path("groups").isArray()).isTrue();
        Set<String> groups = new HashSet<>();
        file.path("groups").forEach(group -> {
            assertThat(groups.add(group.path("name").asText())).as("group names are unique").isTrue();
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("rules").isArray() && !group.path("rules").isEmpty()).as("group has rules").isTrue();
        });
        Set<String> names = new HashSet<>();
        for (JsonNode rule : alerts()) {
            String name = rule.path("alert").asText();
            assertThat(name).matches(ALERT_NAME);
            assertThat(names.add(name)).as("%s is unique", name).isTrue();
            assertThat(rule.fieldNames()).toIterable().as(name).isSubsetOf(RULE_KEYS);
            assertThat(rule.path("expr").isTextual()).as("%s expr is a string", name).isTrue();
            assertThat(rule.path("expr").asText()).as(name).isNotBlank();
            if (rule.has("for")) {
                assertThat(rule.path("for").asText()).as("%s for", name).matches(DURATION);
            }
            assertThat(rule.path("labels").path("severity").asText()).as("%s severity", name)
                    .isIn("critical", "warning");
            rule.path("labels").fields().forEachRemaining(label ->
                    assertThat(label.getValue().isTextual()).as("%s label %s", name, label.getKey()).isTrue());
            assertThat(rule.path("annotations").path("summary").asText()).as("%s summary", name).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as("%s description", name).isNotBlank();
        }
        assertThat(names).as("target down, not ready, lag, dead letters, nothing stored")
                .contains("NewsflowServiceDown", "NewsflowServiceNotReady", "NewsflowConsumerLagGrowing",
                        "NewsflowEnrichDeadLetters", "NewsflowStoreDeadLetters", "NewsflowNothingStored");
    }

    @Test
    void theAlertsIssue8AsksForReadWhatTheyAreAbout() {
        Map<String, String> expressions = new HashMap<>();
        alerts().forEach(rule -> expressions.put(rule.path("alert").asText(), rule.path("expr").asText()));

        assertThat(expressions.get("NewsflowServiceNotReady")).contains("newsflow_ready").contains("== 0");
        assertThat(expressions.get("NewsflowConsumerLagGrowing"))
                .contains("kafka_consumer_fetch_manager_records_lag").contains("deriv(");
        assertThat(expressions.get("NewsflowEnrichDeadLetters"))
                .contains("increase(newsflow_enrich_articles_dead_lettered_total");
        assertThat(expressions.get("NewsflowStoreDeadLetters"))
                .contains("increase(newsflow_store_articles_dead_lettered_total");
        assertThat(expressions.get("NewsflowNothingStored")).contains("newsflow_store_articles_total")
                .contains("newsflow_ingest_articles_published_total");
    }

    @Test
    void everyExpressionReadsOnlyDocumentedMetricsAndItsBracketsPairUp() {
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : alerts()) {
            String name = rule.path("alert").asText();
            String expr = rule.path("expr").asText();
            assertThat(PromQl.bracketProblem(expr)).as("%s: %s", name, expr).isNull();
            Set<String> metrics = PromQl.metricNames(expr);
            assertThat(metrics).as("%s reads a metric", name).isNotEmpty();
            metrics.forEach(metric -> ServiceMetrics.unknown(metric).ifPresent(why -> problems.add(name + ": " + why)));
        }
        assertThat(problems).as("metrics the alert rules read that no service documents").isEmpty();
    }

    @Test
    void annotationsUseOnlyLabelsTheExpressionKeeps() {
        for (JsonNode rule : alerts()) {
            String expr = rule.path("expr").asText();
            if (!expr.contains(" by (")) {
                // No aggregation: the series keep all their labels.
                continue;
            }
            rule.path("annotations").fields().forEachRemaining(annotation -> {
                Matcher reference = LABEL_REFERENCE.matcher(annotation.getValue().asText());
                while (reference.find()) {
                    assertThat(expr).as("%s %s uses $labels.%s", rule.path("alert").asText(), annotation.getKey(),
                            reference.group(1)).containsPattern("\\b" + reference.group(1) + "\\b");
                }
            });
        }
    }

    @Test
    void prometheusLoadsTheRulesAndTheOperatorsGuideExplainsEachAlert() {
        JsonNode prometheus = Manifests.parse(Repository.read(
                Repository.deploy().resolve("prometheus/prometheus.yml")));
        List<String> ruleFiles = new ArrayList<>();
        prometheus.path("rule_files").forEach(file -> ruleFiles.add(file.asText()));
        assertThat(ruleFiles).containsExactly("/etc/prometheus/alerts.yml");

        JsonNode compose = Manifests.parse(Repository.read(Repository.deploy().resolve("docker-compose.yml")));
        List<String> mounts = new ArrayList<>();
        compose.path("services").path("prometheus").path("volumes").forEach(volume -> mounts.add(volume.asText()));
        assertThat(mounts).contains("./" + FILE + ":/etc/prometheus/alerts.yml:ro");

        String readme = Repository.read(Repository.deploy().resolve("README.md"));
        assertThat(readme).contains("## Operating newsflow");
        alerts().forEach(rule -> assertThat(readme).as("deploy/README.md explains %s", rule.path("alert").asText())
                .contains(rule.path("alert").asText()));
    }
}
