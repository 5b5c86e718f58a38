package io.newsflow.devstack.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.newsflow.devstack.cli.PrometheusText.Sample;

/**
 * The text of {@code newsflow status}: one block per service. Rates are the change of each counter between the two
 * scrapes divided by the time between them, and the screen says how long that was, so a quiet service shows 0/s and not
 * a lifetime average.
 */
final class StatusScreen {

    static final String ERRORS = "newsflow_errors_total";
    static final String LAST_ERROR = "newsflow_last_error";
    static final String CONSUMER_LAG = "kafka_consumer_fetch_manager_records_lag";
    static final String HTTP_REQUESTS = "http_server_requests_seconds_count";

    private StatusScreen() {
    }

    static String render(List<ServiceSnapshot> services, Instant now) {
        StringBuilder s = new StringBuilder();
        s.append("newsflow status at ").append(now.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        for (ServiceSnapshot service : services) {
            s.append('\n');
            render(s, service, now);
        }
        return s.toString();
    }

    private static void render(StringBuilder s, ServiceSnapshot service, Instant now) {
        if (service.unreachable().isPresent()) {
            s.append(String.format(Locale.ROOT, "%-15s %s  NOT RUNNING: %s%n", service.name(), service.baseUri(),
                    service.unreachable().get()));
            return;
        }
        String status = service.health().map(ServiceSnapshot.Health::status).orElse("?");
        s.append(String.format(Locale.ROOT, "%-15s %s  ready: %s%n", service.name(), service.baseUri(), status));
        service.health().ifPresent(health -> health.checks().forEach(check -> s.append(String.format(Locale.ROOT,
                "  check  %-4s %s%n", check.status(), check.name()))));
        if (service.metricsError().isPresent()) {
            s.append("  metrics: ").append(service.metricsError().get()).append('\n');
            return;
        }
        PrometheusText first = service.first().orElseThrow();
        PrometheusText second = service.second().orElseThrow();
        double window = service.windowSeconds();

        s.append(String.format(Locale.ROOT, "  counters (total, rate over the last %.1f s)%n", window));
        List<Sample> counters = second.matching(sample -> sample.name().startsWith("newsflow_")
                && sample.name().endsWith("_total") && !sample.name().equals(ERRORS)
                && !sample.name().contains("dead_lettered"));
        boolean any = false;
        for (Sample counter : sorted(counters)) {
            double before = valueOf(first, counter);
            if (counter.value() == 0 && before == 0) {
                continue;
            }
            any = true;
            s.append(String.format(Locale.ROOT, "    %-64s %10s  %s%n", series(counter), count(counter.value()),
                    rate(counter.value() - before, window)));
        }
        if (!any) {
            s.append("    (nothing counted yet)\n");
        }
        double requests = second.sum(HTTP_REQUESTS);
        s.append(String.format(Locale.ROOT, "  HTTP requests      %s%n", rate(requests - first.sum(HTTP_REQUESTS), window)));
        s.append("  Kafka consumer lag ").append(lag(second)).append('\n');
        s.append("  dead-lettered      ").append(deadLettered(first, second, window)).append('\n');
        s.append("  last error         ").append(lastError(first, second, now)).append('\n');
    }

    /**
     * Lag per consumer, summed over its partitions. The Kafka client reports each partition twice, under the topic's
     * name and under a deprecated copy with dots turned into underscores, so a partition counts once. The metrics carry
     * the client id (one per consumer thread, {@code kafka-consumer-<channel>$<n>}), not the group: each service's
     * channel has one group, named after the service.
     */
    static String lag(PrometheusText metrics) {
        Map<String, Sample> partitions = new TreeMap<>();
        metrics.named(CONSUMER_LAG).stream().filter(sample -> Double.isFinite(sample.value()))
                .forEach(sample -> partitions.putIfAbsent(sample.label("client_id") + "|" + sample.label("partition")
                        + "|" + sample.label("topic").replace('.', '_'), sample));
        if (partitions.isEmpty()) {
            return "not reported (no Kafka consumer metrics, or no partition assigned yet)";
        }
        Map<String, Double> byConsumer = partitions.values().stream().collect(Collectors.groupingBy(
                sample -> consumer(sample.label("client_id")), TreeMap::new, Collectors.summingDouble(Sample::value)));
        double total = byConsumer.values().stream().mapToDouble(Double::doubleValue).sum();
        return count(total) + " records (" + byConsumer.entrySet().stream()
                .map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", ")) + ")";
    }

    private static String consumer(String clientId) {
        if (clientId.isEmpty()) {
            return "?";
        }
        int thread = clientId.lastIndexOf('$');
        return thread > 0 ? clientId.substring(0, thread) : clientId;
    }

    static String deadLettered(PrometheusText first, PrometheusText second, double window) {
        List<Sample> dead = second.matching(sample -> sample.name().contains("dead_lettered")
                && sample.name().endsWith("_total"));
        double total = dead.stream().mapToDouble(Sample::value).sum();
        if (total == 0) {
            return "none";
        }
        double before = dead.stream().mapToDouble(sample -> valueOf(first, sample)).sum();
        Map<String, Double> byReason = dead.stream().collect(Collectors.groupingBy(
                sample -> sample.label("reason").isEmpty() ? "?" : sample.label("reason"), TreeMap::new,
                Collectors.summingDouble(Sample::value)));
        return count(total) + " (" + byReason.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", ")) + "), "
                + rate(total - before, window);
    }

    /** The most recent error kind by its {@code newsflow_last_error} gauge (epoch seconds; 0 or absent: never). */
    static String lastError(PrometheusText first, PrometheusText second, Instant now) {
        Optional<Sample> latest = second.named(LAST_ERROR).stream()
                .filter(sample -> Double.isFinite(sample.value()) && sample.value() > 0)
                .max(Comparator.comparingDouble(Sample::value));
        double total = second.sum(ERRORS);
        double inWindow = total - first.sum(ERRORS);
        if (latest.isEmpty()) {
            return total > 0 ? count(total) + " errors counted, no time recorded" : "none";
        }
        Sample last = latest.get();
        Instant at = Instant.ofEpochMilli(Math.round(last.value() * 1000)).truncatedTo(ChronoUnit.SECONDS);
        double ofThisKind = second.named(ERRORS).stream().filter(s -> s.label("reason").equals(last.label("reason")))
                .mapToDouble(Sample::value).sum();
        return String.format(Locale.ROOT, "%s at %s (%s ago; %s of this kind); %s errors in all, %s in the window",
                last.label("reason").isEmpty() ? "?" : last.label("reason"), at, ago(Duration.between(at, now)),
                count(ofThisKind), count(total), count(inWindow));
    }

    private static List<Sample> sorted(List<Sample> samples) {
        return samples.stream().sorted(Comparator.comparing(StatusScreen::series)).toList();
    }

    private static double valueOf(PrometheusText scrape, Sample like) {
        return scrape.named(like.name()).stream().filter(s -> s.labels().equals(like.labels()))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    static String series(Sample sample) {
        if (sample.labels().isEmpty()) {
            return sample.name();
        }
        return sample.name() + new TreeMap<>(sample.labels()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    static String rate(double delta, double window) {
        if (delta < 0) {
            return "restarted during the window";
        }
        return String.format(Locale.ROOT, "%.2f/s", window > 0 ? delta / window : 0);
    }

    private static String count(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ago(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }
}
