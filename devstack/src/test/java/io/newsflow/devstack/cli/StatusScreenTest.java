package io.newsflow.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StatusScreenTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static final String BEFORE = """
            newsflow_enrich_articles_enriched_total{language="en"} 100.0
            newsflow_enrich_articles_enriched_total{language="fr"} 40.0
            newsflow_enrich_articles_failed_total{reason="engine-timeout"} 0.0
            newsflow_enrich_articles_dead_lettered_total{reason="invalid-event"} 2.0
            newsflow_errors_total{reason="invalid-event"} 2.0
            newsflow_errors_total{reason="engine-timeout"} 0.0
            newsflow_last_error{reason="invalid-event"} 1.7955108E9
            newsflow_last_error{reason="engine-timeout"} 0.0
            http_server_requests_seconds_count{method="GET",uri="/q/metrics"} 10.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-raw-in",partition="0",topic="t"} 500.0
            """;

    private static final String AFTER = """
            newsflow_enrich_articles_enriched_total{language="en"} 150.0
            newsflow_enrich_articles_enriched_total{language="fr"} 40.0
            newsflow_enrich_articles_failed_total{reason="engine-timeout"} 0.0
            newsflow_enrich_articles_dead_lettered_total{reason="invalid-event"} 3.0
            newsflow_errors_total{reason="invalid-event"} 3.0
            newsflow_errors_total{reason="engine-timeout"} 1.0
            newsflow_last_error{reason="invalid-event"} 1.7955108E9
            newsflow_last_error{reason="engine-timeout"} 1.79551428E9
            http_server_requests_seconds_count{method="GET",uri="/q/metrics"} 30.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-raw-in$1",partition="0",topic="news.raw"} 120.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-raw-in$1",partition="0",topic="news_raw"} 120.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-raw-in$2",partition="1",topic="news_raw"} 30.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-raw-in$2",partition="1",topic="news.raw"} 30.0
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-raw-in$3",partition="2",topic="news.raw"} NaN
            kafka_consumer_fetch_manager_records_lag{client_id="kafka-consumer-feeds",partition="0",topic="feeds"} 2.0
            """;

    @Test
    void runningServiceShowsReadinessRatesLagDeadLettersAndTheLatestError() {
        ServiceSnapshot enrich = new ServiceSnapshot("enrich-service", URI.create("http://127.0.0.1:8082"),
                Optional.empty(), Optional.of(new ServiceSnapshot.Health("UP", List.of(
                        new ServiceSnapshot.Check("models", "UP"),
                        new ServiceSnapshot.Check("SmallRye Reactive Messaging - readiness check", "UP")))),
                Optional.of(PrometheusText.parse(BEFORE)), Optional.of(PrometheusText.parse(AFTER)), 10.0,
                Optional.empty());

        String screen = StatusScreen.render(List.of(enrich), NOW);

        assertThat(screen).contains("enrich-service  http://127.0.0.1:8082  ready: UP")
                .contains("UP   models")
                .contains("rate over the last 10.0 s")
                .containsPattern("newsflow_enrich_articles_enriched_total\\{language=en} +150 +5\\.00/s")
                .containsPattern("newsflow_enrich_articles_enriched_total\\{language=fr} +40 +0\\.00/s")
                .doesNotContain("articles_failed_total")
                .contains("HTTP requests      2.00/s")
                .contains("Kafka consumer lag 152 records (kafka-consumer-feeds 2, kafka-consumer-raw-in 150)")
                .contains("dead-lettered      3 (invalid-event 3), 0.10/s")
                .contains("engine-timeout at 2026-11-24T09:58:00Z (2 min ago; 1 of this kind); 4 errors in all, 2 in"
                        + " the window");
    }

    @Test
    void serviceThatIsNotRunningIsSaidSo() {
        String screen = StatusScreen.render(List.of(ServiceSnapshot.notRunning("store-service",
                URI.create("http://127.0.0.1:8083"), "nothing answers on 127.0.0.1:8083 (ConnectException)")), NOW);

        assertThat(screen).contains("store-service").contains("NOT RUNNING: nothing answers on 127.0.0.1:8083");
    }

    @Test
    void quietServiceWithoutErrorsOrConsumersSaysNoneRatherThanNothing() {
        PrometheusText idle = PrometheusText.parse("http_server_requests_seconds_count{uri=\"/articles\"} 4.0\n");
        ServiceSnapshot ingest = new ServiceSnapshot("ingest-service", URI.create("http://127.0.0.1:8081"),
                Optional.empty(), Optional.of(new ServiceSnapshot.Health("DOWN",
                        List.of(new ServiceSnapshot.Check("Kafka", "DOWN")))),
                Optional.of(idle), Optional.of(idle), 10.0, Optional.empty());

        String screen = StatusScreen.render(List.of(ingest), NOW);

        assertThat(screen).contains("ready: DOWN").contains("DOWN Kafka").contains("(nothing counted yet)")
                .contains("HTTP requests      0.00/s").contains("Kafka consumer lag not reported")
                .contains("dead-lettered      none").contains("last error         none");
    }

    @Test
    void counterThatWentDownSaysTheServiceRestarted() {
        assertThat(StatusScreen.rate(-5, 10)).contains("restarted");
        assertThat(StatusScreen.rate(25, 10)).isEqualTo("2.50/s");
    }
}
