package io.newsflow.enrich.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jboss.logging.Logger;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.newsflow.enrich.EngineVersions;
import io.newsflow.events.Engine;
import io.newsflow.events.EntityType;

/**
 * Statistical named-entity recognition with Stanford CoreNLP, one lean pipeline per language: tokenizer, sentence
 * splitter, multi-word-token expansion where the language's NER model was trained on expanded tokens (fr, de, es; the
 * expansion tables only — the French part-of-speech tagger that resolves "des" is left out), and one CRF model. No
 * part-of-speech tagger (none of the NER models uses tags as features), no parser, no SUTime, no numeric or
 * fine-grained classifiers.
 *
 * <p>Every pipeline is built once, in the constructor, and shared: {@link StanfordCoreNLP#annotate(Annotation)} keeps
 * no per-call state in the pipeline and is safe to call from many threads at once (checked by
 * {@code CoreNlpTaggerTest}).
 */
final class CoreNlpTagger {

    /** Languages a pipeline exists for. */
    static final Set<String> SUPPORTED = Set.of("en", "fr", "de", "es", "it");

    private static final Logger LOG = Logger.getLogger(CoreNlpTagger.class);
    private static final String MODELS = "edu/stanford/nlp/models/";
    private static final String VERSION_RESOURCE = "io/newsflow/enrich/entity/corenlp.properties";
    private static final Map<String, String> NER_MODELS = Map.of(
            "en", "english.conll.4class.distsim",
            "fr", "french-wikiner-4class",
            "de", "german.distsim",
            "es", "spanish.ancora.distsim.s512",
            "it", "italian");

    private final Map<String, StanfordCoreNLP> pipelines = new LinkedHashMap<>();
    private final Map<String, Long> loadMillis = new LinkedHashMap<>();
    private final Map<String, Engine> engines = new LinkedHashMap<>();

    /** Loads the pipelines of {@code languages} (ISO 639-1 codes among {@link #SUPPORTED}), one after the other. */
    CoreNlpTagger(List<String> languages) {
        List<String> unknown = languages.stream().filter(l -> !SUPPORTED.contains(l)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("newsflow.enrich.entities.corenlp-languages: " + unknown
                    + " not supported; CoreNLP pipelines exist for " + SUPPORTED.stream().sorted().toList());
        }
        String version = EngineVersions.read(VERSION_RESOURCE);
        for (String language : languages) {
            long start = System.nanoTime();
            StanfordCoreNLP pipeline = new StanfordCoreNLP(properties(language));
            // The Italian model's gazette costs more than everything else of the model; see GazetteIndex.
            GazetteIndex.install(pipeline);
            pipelines.put(language, pipeline);
            long millis = (System.nanoTime() - start) / 1_000_000;
            loadMillis.put(language, millis);
            engines.put(language, new Engine("stanford-corenlp/" + NER_MODELS.get(language), version));
            LOG.infof("CoreNLP %s loaded the %s NER pipeline (%s) in %d ms", version, language,
                    NER_MODELS.get(language), millis);
        }
    }

    Set<String> languages() {
        return Collections.unmodifiableSet(pipelines.keySet());
    }

    /** Milliseconds each pipeline took to load, by language, in loading order. */
    Map<String, Long> loadMillis() {
        return Collections.unmodifiableMap(loadMillis);
    }

    Engine engine(String language) {
        return engines.get(language);
    }

    /** The name mentions CoreNLP finds, typed; labels other than people, organisations, places and MISC are left out. */
    List<Mention> tag(String text, String language) {
        StanfordCoreNLP pipeline = pipelines.get(language);
        if (pipeline == null) {
            throw new IllegalArgumentException("no CoreNLP pipeline loaded for " + language);
        }
        Annotation document = new Annotation(text);
        pipeline.annotate(document);
        List<Mention> mentions = new ArrayList<>();
        List<CoreMap> found = document.get(CoreAnnotations.MentionsAnnotation.class);
        for (CoreMap mention : found == null ? List.<CoreMap>of() : found) {
            EntityType type = typeOf(mention.get(CoreAnnotations.NamedEntityTagAnnotation.class));
            Integer begin = mention.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            Integer end = mention.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            if (type != null && begin != null && end != null && begin >= 0 && end <= text.length() && begin < end) {
                mentions.add(new Mention(text.substring(begin, end), begin, end, type));
            }
        }
        mentions.sort((a, b) -> Integer.compare(a.begin(), b.begin()));
        return mentions;
    }

    /** The contract type of a CoreNLP label (the models of different languages name the classes differently). */
    static EntityType typeOf(String label) {
        if (label == null) {
            return null;
        }
        return switch (label.toUpperCase(Locale.ROOT).replaceFirst("^[BIES]-", "")) {
            case "PERSON", "PER", "PERS" -> EntityType.PERSON;
            case "ORGANIZATION", "ORG" -> EntityType.ORGANIZATION;
            case "LOCATION", "LOC", "LUG", "GPE", "COUNTRY", "CITY", "STATE_OR_PROVINCE" -> EntityType.LOCATION;
            case "MISC", "OTROS" -> EntityType.MISC;
            default -> null;
        };
    }

    static Properties properties(String language) {
        Properties p = new Properties();
        if (language.equals("en") || language.equals("it")) {
            // CoreNLP has no rule-based Italian tokenizer; its statistical one (cdc_tokenize) shifted character
            // offsets after line breaks and tokenised 86 tokens/s when measured, so Italian uses the English rules.
            p.setProperty("annotators", "tokenize,ssplit,ner");
            p.setProperty("tokenize.language", "en");
        } else {
            String name = Map.of("fr", "french", "de", "german", "es", "spanish").get(language);
            p.setProperty("annotators", "tokenize,ssplit,mwt,ner");
            p.setProperty("tokenize.language", language);
            p.setProperty("mwt.mappingFile", MODELS + "mwt/" + name + "/" + name + "-mwt.tsv");
            if (language.equals("de")) {
                p.setProperty("tokenize.postProcessor",
                        "edu.stanford.nlp.international.german.process.GermanTokenizerPostProcessor");
            }
        }
        // Title, paragraphs and captions are separated by line breaks, never continued across them; without this a
        // name at the end of the title and one opening the body ("Ukraine\n\nPoutine") become one mention.
        p.setProperty("ssplit.newlineIsSentenceBreak", "always");
        p.setProperty("ner.model", MODELS + "ner/" + NER_MODELS.get(language) + ".crf.ser.gz");
        p.setProperty("ner.applyNumericClassifiers", "false");
        p.setProperty("ner.useSUTime", "false");
        p.setProperty("ner.applyFineGrained", "false");
        p.setProperty("ner.buildEntityMentions", "true");
        return p;
    }
}
