package io.newsflow.enrich.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.entity.MultilingualEntityRecognizer;
import io.newsflow.enrich.language.LinguaLanguageDetector;
import io.newsflow.enrich.pipeline.ArticlePipeline;
import io.newsflow.enrich.topic.LexiconTopicClassifier;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * enrich-service's engines as the service builds them: its {@code application.properties} (production profile),
 * overridden by environment variables and system properties as in the service ({@code
 * NEWSFLOW_ENRICH_ENTITIES_CORENLP_LANGUAGES=en,fr,de,es,it} measures Italian on CoreNLP), read through the service's
 * own {@link EnrichConfig} mapping and handed to the same constructors.
 */
final class ShippedPipeline {

    /** The ordinal Quarkus gives {@code application.properties} on the classpath. */
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

    private final EnrichConfig config;
    private final ArticlePipeline pipeline;

    private ShippedPipeline(EnrichConfig config, ArticlePipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    static ShippedPipeline load(String version) {
        EnrichConfig config = config();
        var languages = new LinguaLanguageDetector(config.languages(), config.minConfidence(),
                config.language().maxChars());
        var entities = new MultilingualEntityRecognizer(config.entities().corenlpLanguages(), config.languages(),
                version);
        var topics = new LexiconTopicClassifier(config.topics().threshold(), config.topics().maxTopics(),
                config.topics().saturation(), config.topics().lexiconDir().map(Path::of), version);
        return new ShippedPipeline(config,
                new ArticlePipeline(languages, entities, topics, config.maxChars(), config.mode(), version));
    }

    static EnrichConfig config() {
        URL properties = ShippedPipeline.class.getClassLoader().getResource("application.properties");
        if (properties == null) {
            throw new IllegalStateException("enrich-service's application.properties is not on the classpath");
        }
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .addDefaultSources()
                    .addDiscoveredSources()
                    .withSources(new PropertiesConfigSource(properties, APPLICATION_PROPERTIES_ORDINAL))
                    // Durations as Quarkus writes them ("30s"), which plain SmallRye Config does not read.
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withProfile("prod")
                    .withMapping(EnrichConfig.class)
                    .withValidateUnknown(false)
                    .build();
            return config.getConfigMapping(EnrichConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EnrichConfig settings() {
        return config;
    }

    ArticlePipeline pipeline() {
        return pipeline;
    }
}
