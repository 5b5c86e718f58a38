package io.newsflow.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesAreReadWithTheirLabelsAndCommentsAreSkipped() {
        PrometheusText text = PrometheusText.parse("""
                # HELP newsflow_ingest_articles_total Articles
                # TYPE newsflow_ingest_articles_total counter
                newsflow_ingest_articles_total{outcome="accepted",source="http"} 1234.0
                newsflow_ingest_articles_total{outcome="refused",source="file",} 2.0
                process_uptime_seconds 85.5
                jvm_gc_pause_seconds_count{action="end of minor GC",cause="Allocation Failure"} 3 1700000000000
                """);

        assertThat(text.samples()).hasSize(4);
        assertThat(text.named("newsflow_ingest_articles_total").get(0).labels())
                .containsExactly(Map.entry("outcome", "accepted"), Map.entry("source", "http"));
        assertThat(text.sum("newsflow_ingest_articles_total")).isEqualTo(1236);
        assertThat(text.sum("process_uptime_seconds")).isEqualTo(85.5);
        assertThat(text.named("jvm_gc_pause_seconds_count").get(0).label("action")).isEqualTo("end of minor GC");
        assertThat(text.named("jvm_gc_pause_seconds_count").get(0).value()).isEqualTo(3);
    }

    @Test
    void escapedLabelValuesAndSpecialValuesAreUnderstood() {
        PrometheusText text = PrometheusText.parse("""
                odd{path="a \\"quoted\\" b, {c}",back="x\\\\y",nl="1\\n2"} +Inf
                kafka_consumer_fetch_manager_records_lag{client_id="c",partition="0"} NaN
                kafka_consumer_fetch_manager_records_lag{client_id="c",partition="1"} 7.0
                neg -Inf
                """);

        PrometheusText.Sample odd = text.named("odd").get(0);
        assertThat(odd.label("path")).isEqualTo("a \"quoted\" b, {c}");
        assertThat(odd.label("back")).isEqualTo("x\\y");
        assertThat(odd.label("nl")).isEqualTo("1\n2");
        assertThat(odd.value()).isInfinite();
        assertThat(text.named("neg").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(text.sum("kafka_consumer_fetch_manager_records_lag")).isEqualTo(7);
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=\"x\" 2\n"))
                .hasMessageContaining("line 2").hasMessageContaining("broken");
        assertThatThrownBy(() -> PrometheusText.parse("novalue\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("x{a=b} 1\n")).hasMessageContaining("quoted");
    }
}
