package io.newsflow.enrich;

/**
 * What enrichment does ({@code newsflow.enrich.mode}). {@link #LANGUAGE_ONLY} detects the language and nothing else, so
 * the cost of transport alone can be measured against the full pipeline.
 */
public enum EnrichMode {

    /** Language, named entities and IPTC Media Topics. */
    FULL("full"),

    /** The language only: no entities, no topics, Lingua the only engine named. */
    LANGUAGE_ONLY("language-only");

    private final String configValue;

    EnrichMode(String configValue) {
        this.configValue = configValue;
    }

    /** The value as written in the configuration and reported by the benchmark endpoint. */
    public String configValue() {
        return configValue;
    }
}
