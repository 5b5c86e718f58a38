package io.newsflow.enrich;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults that depend on the machine the service runs on, which a properties file cannot express. Its ordinal is
 * below {@code application.properties}, environment variables and system properties, so any of them overrides it.
 *
 * <p>{@code newsflow.enrich.concurrency} defaults to twice the processors the JVM may use (in a container: its CPU
 * limit). Each Kafka consumer of the group owns whole partitions and enriches them one record at a time, so with exactly
 * one consumer per core a core idles as soon as its partitions run dry while another still has work (3 partitions over 2
 * consumers leaves one consumer with twice the work). Twice as many consumers as cores keeps at least one busy consumer
 * per core for most of a backlog; consumers beyond the number of partitions get no partition and cost a Kafka client.
 */
public class ComputedDefaults implements ConfigSource {

    static final String CONCURRENCY = "newsflow.enrich.concurrency";

    @Override
    public Map<String, String> getProperties() {
        return Map.of(CONCURRENCY, concurrency());
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(CONCURRENCY);
    }

    @Override
    public String getValue(String propertyName) {
        return CONCURRENCY.equals(propertyName) ? concurrency() : null;
    }

    @Override
    public String getName() {
        return "newsflow-enrich-computed-defaults";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    private static String concurrency() {
        return String.valueOf(2 * Runtime.getRuntime().availableProcessors());
    }
}
