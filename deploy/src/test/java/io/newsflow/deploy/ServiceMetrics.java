package io.newsflow.deploy;

import java.util.List;
import java.util.Optional;

/**
 * The metrics the services say they export, as dashboards and alert rules may use them: a {@code newsflow_*} metric
 * is in the README of the service its name starts with (or of every service, for those without a service in their
 * name: {@code newsflow_errors_total}, {@code newsflow_last_error}, {@code newsflow_ready}); Kafka client metrics come from the Micrometer Kafka binder every service turns on and
 * are named in deploy/README.md; {@code up} is Prometheus' own.
 */
final class ServiceMetrics {

    static final String KAFKA_BINDER = "quarkus.micrometer.binder.kafka.enabled";

    private ServiceMetrics() {
    }

    /** Empty when {@code series} is a metric the services document; else why it is not. */
    static Optional<String> unknown(String series) {
        if (series.equals("up")) {
            return Optional.empty();
        }
        String name = PromQl.documentedName(series);
        if (series.startsWith("kafka_")) {
            for (String service : Repository.SERVICES) {
                if (!"true".equals(new ServiceSettings(service).get(KAFKA_BINDER))) {
                    return Optional.of(series + ": " + service + " does not set " + KAFKA_BINDER + "=true");
                }
            }
            return Repository.read(Repository.deploy().resolve("README.md")).contains(name) ? Optional.empty()
                    : Optional.of(series + ": a Kafka client metric deploy/README.md does not name");
        }
        if (!series.startsWith("newsflow_")) {
            return Optional.of(series + ": not a metric of the services (only newsflow_*, kafka_* and up are)");
        }
        List<String> owners = Repository.SERVICES.stream()
                .filter(service -> name.startsWith("newsflow_" + service.replace("-service", "") + "_"))
                .toList();
        for (String service : owners.isEmpty() ? Repository.SERVICES : owners) {
            String readme = Repository.read(Repository.root().resolve(service).resolve("README.md"));
            if (!readme.contains(name) && !readme.contains(PromQl.micrometerName(name))) {
                return Optional.of(series + ": " + service + "/README.md documents no metric " + name);
            }
        }
        return Optional.empty();
    }
}
