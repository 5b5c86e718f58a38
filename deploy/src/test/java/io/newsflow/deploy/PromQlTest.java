package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void metricNamesLeaveOutFunctionsKeywordsLabelsDurationsAndVariables() {
        String expr = "histogram_quantile(0.95, sum by (le) (rate(newsflow_store_freshness_seconds_bucket"
                + "{job=\"store-service\", topic=~\"news[.].+\"}[$__rate_interval]))) > 300 and on () "
                + "(sum(increase(newsflow_store_articles_total[30m])) or vector(0)) == 0 unless "
                + "deriv(max by (job, partition) (kafka_consumer_fetch_manager_records_lag)[15m:1m]) > 0";

        assertThat(PromQl.metricNames(expr)).containsExactly("newsflow_store_freshness_seconds_bucket",
                "newsflow_store_articles_total", "kafka_consumer_fetch_manager_records_lag");
        assertThat(PromQl.bracketProblem(expr)).isNull();
    }

    @Test
    void unpairedBracketsAreReported() {
        assertThat(PromQl.bracketProblem("sum(rate(x[5m])")).isEqualTo("unclosed '('");
        assertThat(PromQl.bracketProblem("rate(x[5m)]")).isEqualTo("unmatched ')'");
        assertThat(PromQl.bracketProblem("up{job=\"a)\"}")).isNull();
    }

    @Test
    void seriesOfHistogramsAndSummariesAreDocumentedUnderTheirMetricsName() {
        assertThat(PromQl.documentedName("newsflow_store_commit_seconds_bucket")).isEqualTo(
                "newsflow_store_commit_seconds");
        assertThat(PromQl.documentedName("newsflow_store_batches_total")).isEqualTo("newsflow_store_batches_total");
        assertThat(PromQl.micrometerName("newsflow_enrich_articles_dead_lettered_total"))
                .isEqualTo("newsflow.enrich.articles.dead.lettered");
        assertThat(PromQl.micrometerName("newsflow_store_commit_seconds")).isEqualTo("newsflow.store.commit");
    }
}
