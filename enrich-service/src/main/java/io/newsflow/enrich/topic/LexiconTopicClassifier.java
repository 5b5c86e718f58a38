package io.newsflow.enrich.topic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.apache.lucene.util.Version;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.events.Engine;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.Topic;
import io.quarkus.runtime.Startup;

/**
 * IPTC Media Topics from multilingual keyword lexicons, matched on stems, plus a signal from the entities.
 *
 * <p><b>Evidence.</b> Each keyword of a topic found in the text adds 1, and 0.5 for each further occurrence up to
 * three; a keyword found in the title adds {@value #TITLE_WEIGHT} more, because a headline states what the article is
 * about. A text naming at least two countries and two people, with some political keyword, adds {@value #ENTITY_SIGNAL}
 * to politics: that is what reports of relations between states look like. A topic's evidence includes that of its
 * children.
 *
 * <p><b>Score.</b> With {@code E} the evidence of all top-level subjects together and {@code e} a topic's, the score is
 * {@code (1 - exp(-E / saturation)) * e / E}: the chance that the text is about some subject at all (0 without
 * evidence, approaching 1 as evidence accumulates) times the topic's share of the evidence. The subjects' scores add
 * up to at most 1, whatever the language and however large its lexicon, so one threshold means the same in every
 * language; one stray keyword in a short text stays below it. A subject is reported at or above the threshold; a
 * narrower topic with its reported parent when it holds at least {@value #SHARE_OF_PARENT} of the parent's evidence.
 */
@ApplicationScoped
// Before the messaging channels start (they observe startup at LIBRARY_BEFORE): otherwise the first articles would wait,
// under the engine timeout, for the models to load.
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
public class LexiconTopicClassifier implements TopicClassifier {

    public static final String ENGINE_NAME = "newsflow-iptc-lexicon";
    static final String POLITICS = "medtop:11000000";
    static final double ENTITY_SIGNAL = 1.0;
    /** A narrower topic is reported, under its reported parent, when it holds at least this share of the parent's evidence. */
    static final double SHARE_OF_PARENT = 0.15;
    /** What a keyword in the title adds to its occurrence in the text. */
    static final double TITLE_WEIGHT = 1.0;
    private static final String LEXICON_RESOURCE = "io/newsflow/enrich/topic/lexicon/%s.tsv";

    private final MediaTopics vocabulary;
    private final Map<String, TopicLexicon> lexicons = new HashMap<>();
    private final double threshold;
    private final int maxTopics;
    private final double saturation;
    private final Engine engine;
    private final Engine lucene;

    @Inject
    LexiconTopicClassifier(EnrichConfig config, @ConfigProperty(name = "quarkus.application.version") String version) {
        this(config.topics().threshold(), config.topics().maxTopics(), config.topics().saturation(),
                config.topics().lexiconDir().map(Path::of), version);
    }

    /**
     * @param threshold  topics scoring below this (0..1) are left out
     * @param maxTopics  at most this many topics, best first
     * @param saturation the evidence at which the score reaches 1 - 1/e (about 0.63)
     * @param lexiconDir a directory whose {@code <language>.tsv} files add keywords to the shipped lexicons
     * @param version    version of this service, which is the version of the vocabulary and lexicons
     */
    public LexiconTopicClassifier(double threshold, int maxTopics, double saturation, Optional<Path> lexiconDir,
            String version) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException(
                    "newsflow.enrich.topics.threshold must be between 0 and 1, was " + threshold);
        }
        if (maxTopics < 1) {
            throw new IllegalArgumentException("newsflow.enrich.topics.max-topics must be at least 1, was " + maxTopics);
        }
        if (!(saturation > 0.0)) {
            throw new IllegalArgumentException(
                    "newsflow.enrich.topics.saturation must be greater than 0, was " + saturation);
        }
        if (lexiconDir.isPresent() && !Files.isDirectory(lexiconDir.get())) {
            throw new IllegalArgumentException(
                    "newsflow.enrich.topics.lexicon-dir is not a directory: " + lexiconDir.get().toAbsolutePath());
        }
        this.threshold = threshold;
        this.maxTopics = maxTopics;
        this.saturation = saturation;
        this.vocabulary = MediaTopics.shipped();
        this.engine = new Engine(ENGINE_NAME, version);
        this.lucene = new Engine("lucene-analysis-common", Version.LATEST.toString());
        StemAnalyzers analyzers = new StemAnalyzers();
        for (String language : analyzers.languages()) {
            TopicLexicon lexicon = new TopicLexicon(analyzers.forLanguage(language).orElseThrow(),
                    StemAnalyzers.COMPOUNDING.contains(language));
            String resource = LEXICON_RESOURCE.formatted(language);
            lexicon.add(readResource(resource), resource, vocabulary);
            if (lexiconDir.isPresent()) {
                Path extra = lexiconDir.get().resolve(language + ".tsv");
                if (Files.isRegularFile(extra)) {
                    lexicon.add(readFile(extra), extra.toString(), vocabulary);
                }
            }
            lexicons.put(language, lexicon);
        }
    }

    /** Languages with a lexicon; a text in any other language gets no topics. */
    public Set<String> languages() {
        return lexicons.keySet();
    }

    /** Number of keywords of a language's lexicon. */
    public int lexiconSize(String language) {
        TopicLexicon lexicon = lexicons.get(language);
        return lexicon == null ? 0 : lexicon.size();
    }

    /** The vocabulary topics are drawn from. */
    public MediaTopics vocabulary() {
        return vocabulary;
    }

    @Override
    public Classification classify(String text, String language, List<Entity> entities) {
        TopicLexicon lexicon = lexicons.get(language);
        if (lexicon == null) {
            return new Classification(List.of(), List.of(engine));
        }
        Map<String, Double> evidence = new HashMap<>();
        for (TopicLexicon.Match match : lexicon.matches(text)) {
            evidence.merge(match.code(), 1.0 + 0.5 * (Math.min(match.count(), 3) - 1), Double::sum);
        }
        int titleEnd = text.indexOf("\n\n");
        if (titleEnd > 0) {
            for (TopicLexicon.Match match : lexicon.matches(text.substring(0, titleEnd))) {
                evidence.merge(match.code(), TITLE_WEIGHT, Double::sum);
            }
        }
        if (evidence.containsKey(POLITICS) && reportsRelationsBetweenStates(entities)) {
            evidence.merge(POLITICS, ENTITY_SIGNAL, Double::sum);
        }
        return new Classification(rank(withParents(evidence)), List.of(engine, lucene));
    }

    private static boolean reportsRelationsBetweenStates(List<Entity> entities) {
        Set<String> countries = new HashSet<>();
        int people = 0;
        for (Entity entity : entities) {
            if (entity.ref() != null && entity.ref().startsWith("iso3166:")) {
                countries.add(entity.ref());
            }
            if (entity.type() == EntityType.PERSON) {
                people++;
            }
        }
        return countries.size() >= 2 && people >= 2;
    }

    private Map<String, Double> withParents(Map<String, Double> evidence) {
        Map<String, Double> total = new HashMap<>();
        evidence.forEach((code, value) -> {
            for (String c = code; c != null; c = vocabulary.get(c).orElseThrow().parent()) {
                total.merge(c, value, Double::sum);
            }
        });
        return total;
    }

    private List<Topic> rank(Map<String, Double> evidence) {
        double subjects = 0.0;
        for (Map.Entry<String, Double> entry : evidence.entrySet()) {
            if (vocabulary.get(entry.getKey()).orElseThrow().parent() == null) {
                subjects += entry.getValue();
            }
        }
        double aboutSomething = 1.0 - Math.exp(-subjects / saturation);
        List<Topic> topics = new ArrayList<>();
        for (Map.Entry<String, Double> entry : evidence.entrySet()) {
            String code = entry.getKey();
            String parent = vocabulary.get(code).orElseThrow().parent();
            double score = Math.round(aboutSomething * entry.getValue() / subjects * 1000.0) / 1000.0;
            boolean reported = parent == null
                    ? score >= threshold
                    : aboutSomething * evidence.get(parent) / subjects >= threshold
                            && entry.getValue() >= SHARE_OF_PARENT * evidence.get(parent);
            if (reported && score > 0.0) {
                topics.add(new Topic(code, vocabulary.get(code).orElseThrow().label(), score));
            }
        }
        // A parent's evidence includes its children's, so it never ranks below them; on a tie the parent comes first.
        topics.sort(Comparator.comparingDouble(Topic::score).reversed()
                .thenComparing(topic -> depth(topic.code()))
                .thenComparing(Topic::code));
        return List.copyOf(topics.subList(0, Math.min(maxTopics, topics.size())));
    }

    private int depth(String code) {
        int depth = 0;
        for (String c = vocabulary.get(code).orElseThrow().parent(); c != null;
                c = vocabulary.get(c).orElseThrow().parent()) {
            depth++;
        }
        return depth;
    }

    private static String readResource(String resource) {
        try (InputStream in = LexiconTopicClassifier.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
    }
}
