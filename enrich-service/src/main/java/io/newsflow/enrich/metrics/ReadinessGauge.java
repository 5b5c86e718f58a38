package io.newsflow.enrich.metrics;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * {@code newsflow_ready}: 1 while the readiness checks of {@code /q/health/ready} are UP, else 0, evaluated at each
 * scrape. Prometheus reads {@code /q/metrics}, which answers whether the service is ready or not, so without this an
 * alert could see a service that is down but not one that is up and not ready. The scrape runs on a worker thread,
 * where the checks may block.
 */
@Startup
@Singleton
public class ReadinessGauge {

    public static final String READY = "newsflow.ready";

    ReadinessGauge(MeterRegistry registry, SmallRyeHealthReporter health) {
        Gauge.builder(READY, health, reporter -> reporter.getReadiness().isDown() ? 0 : 1)
                .description("1 while every readiness check is UP, else 0")
                .strongReference(true)
                .register(registry);
    }
}
