package io.newsflow.ingest.metrics;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.events.SourceType;

/**
 * The service's own counters, exported with the rest at {@code /q/metrics}:
 * <ul>
 * <li>{@code newsflow_ingest_articles_total{source, outcome}} — articles accepted (acknowledged by Kafka) or refused
 * (invalid, unreadable), per source {@code http}, {@code file}, {@code feed};</li>
 * <li>{@code newsflow_ingest_directory_files_refused_total{reason}} — dropped files refused, by reason;</li>
 * <li>{@code newsflow_ingest_feed_polls_total{outcome}} — feed polls by outcome ({@code ok}, {@code not-modified},
 * {@code error}, {@code refused}).</li>
 * </ul>
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(SourceType source, int count) {
        articles(source, "accepted").increment(count);
    }

    public void refused(SourceType source, int count) {
        articles(source, "refused").increment(count);
    }

    public void fileRefused(String reason) {
        registry.counter("newsflow.ingest.directory.files.refused", "reason", reason).increment();
    }

    public void feedPoll(String outcome) {
        registry.counter("newsflow.ingest.feed.polls", "outcome", outcome).increment();
    }

    private Counter articles(SourceType source, String outcome) {
        return registry.counter("newsflow.ingest.articles", "source", source.name().toLowerCase(Locale.ROOT), "outcome", outcome);
    }
}
