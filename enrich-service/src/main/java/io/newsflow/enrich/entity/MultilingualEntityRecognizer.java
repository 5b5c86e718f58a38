package io.newsflow.enrich.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.place.PlaceResolver;
import io.newsflow.events.Engine;
import io.newsflow.events.Entity;
import io.newsflow.places.PlaceIndex;
import io.quarkus.runtime.Startup;

/**
 * Entities in any language: Stanford CoreNLP's statistical NER for the languages it has a pipeline loaded for, the
 * proper-noun chunker for every other language (and for {@code und}); in both cases {@link MentionRules} correct
 * the mentions with the text around them, the place gazetteer types and references the places, mentions of one
 * entity are merged, and the {@link PlaceResolver} links the locations to GeoNames places with coordinates.
 *
 * <p>The CoreNLP pipelines of the configured languages are loaded once, when the application starts (so that no
 * article pays for loading, and readiness tells when they are in memory), and shared by every thread.
 */
@ApplicationScoped
// Before the messaging channels start (they observe startup at LIBRARY_BEFORE): otherwise the first articles would wait,
// under the engine timeout, for the models to load.
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
public class MultilingualEntityRecognizer implements EntityRecognizer {

    private final CoreNlpTagger coreNlp;
    private final PlaceGazetteer gazetteer;
    private final ProperNounChunker chunker;
    private final EntityMerger merger;
    private final Engine chunkerEngine;
    private final PlaceResolver places;

    @Inject
    MultilingualEntityRecognizer(EnrichConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this(config.entities().corenlpLanguages(), config.languages(), version);
    }

    /**
     * @param coreNlpLanguages languages analysed by CoreNLP (among en, fr, de, es, it); their pipelines load now
     * @param placeLanguages   languages whose place names the gazetteer knows
     * @param version          version of this service, which is the version of the chunker's rules
     */
    public MultilingualEntityRecognizer(List<String> coreNlpLanguages, List<String> placeLanguages, String version) {
        this.gazetteer = new PlaceGazetteer(placeLanguages);
        this.chunker = new ProperNounChunker(gazetteer);
        this.merger = new EntityMerger(gazetteer);
        this.chunkerEngine = new Engine("newsflow-proper-noun-chunker", version);
        this.places = new PlaceResolver(PlaceIndex.load(), placeLanguages);
        this.coreNlp = new CoreNlpTagger(coreNlpLanguages);
    }

    @Override
    public Recognition recognize(String text, String language) {
        List<Engine> engines = new ArrayList<>();
        List<Mention> mentions;
        if (coreNlp.languages().contains(language)) {
            mentions = coreNlp.tag(text, language);
            engines.add(coreNlp.engine(language));
        } else {
            mentions = chunker.chunk(text, language);
            engines.add(chunkerEngine);
        }
        engines.add(gazetteer.engine());
        engines.add(places.engine());
        List<Entity> entities = merger.merge(MentionRules.apply(text, mentions), language);
        return new Recognition(places.resolve(entities, language), engines);
    }

    @Override
    public String engineName(String language) {
        return coreNlp.languages().contains(language) ? "corenlp-" + language : "chunker";
    }

    /** Languages whose CoreNLP pipeline is in memory. */
    public Set<String> coreNlpLanguages() {
        return coreNlp.languages();
    }

    /** Milliseconds each CoreNLP pipeline took to load, by language. */
    public Map<String, Long> loadMillis() {
        return coreNlp.loadMillis();
    }
}
