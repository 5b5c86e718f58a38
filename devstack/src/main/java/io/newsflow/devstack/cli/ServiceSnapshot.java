package io.newsflow.devstack.cli;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What {@code newsflow status} learnt about one service: its readiness and two scrapes of its metrics
 * {@code windowSeconds} apart; {@code unreachable} says why not when nothing answered.
 */
record ServiceSnapshot(String name, URI baseUri, Optional<String> unreachable, Optional<Health> health,
        Optional<PrometheusText> first, Optional<PrometheusText> second, double windowSeconds,
        Optional<String> metricsError) {

    record Health(String status, List<Check> checks) {
    }

    record Check(String name, String status) {
    }

    static ServiceSnapshot notRunning(String name, URI baseUri, String why) {
        return new ServiceSnapshot(name, baseUri, Optional.of(why), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, Optional.empty());
    }
}
