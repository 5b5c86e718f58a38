package io.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.enrich.Seeds;
import io.newsflow.enrich.ShippedSettings;
import io.newsflow.enrich.entity.MultilingualEntityRecognizer;
import io.newsflow.events.Entity;
import io.newsflow.events.Topic;

/**
 * Topics per article over the seed articles, the entity evaluation articles ({@code eval/ner/*.txt}) and the 30 lead
 * paragraphs of the language evaluation ({@code eval/langid-paragraphs.tsv}, whose top-level topic a person wrote
 * down in {@code eval/topics-paragraphs.gold.tsv}), with the shipped settings and the entities of the service's own
 * recognizer. Prints every text's topics and the paragraphs' accuracy; fails below the measured floors.
 */
class TopicEvaluationTest {

    /** Paragraphs whose gold topic is the best one, and those whose gold topic is among the reported ones. */
    private static final int FLOOR_FIRST = 30;
    private static final int FLOOR_REPORTED = 30;

    private static LexiconTopicClassifier classifier;
    private static MultilingualEntityRecognizer recognizer;
    private static final Map<String, List<Topic>> SEEDS = new LinkedHashMap<>();
    private static int paragraphs;
    private static int first;
    private static int reported;
    private static int texts;
    private static int changedByEntities;

    @BeforeAll
    static void evaluate() {
        classifier = new LexiconTopicClassifier(ShippedSettings.topicThreshold(), ShippedSettings.maxTopics(),
                ShippedSettings.topicSaturation(), Optional.empty(), "test");
        recognizer = new MultilingualEntityRecognizer(List.of("en", "fr", "de", "es"), ShippedSettings.languages(),
                "test");
        StringBuilder out = new StringBuilder("\nTopics per article (threshold ").append(ShippedSettings.topicThreshold())
                .append(", saturation ").append(ShippedSettings.topicSaturation()).append(")\n");
        for (String[] seed : new String[][] {{Seeds.FRENCH, "fr"}, {Seeds.ENGLISH, "en"}, {Seeds.GERMAN, "de"},
                {Seeds.SPANISH, "es"}}) {
            List<Topic> topics = classify(Seeds.analysedText(seed[0]), seed[1]);
            SEEDS.put(seed[0], topics);
            out.append("seed ").append(seed[0]).append(" [").append(seed[1]).append("]: ").append(format(topics))
                    .append('\n');
        }
        out.append("second-level topics per seed (a child's evidence counts toward its parent):\n");
        SEEDS.forEach((seed, topics) -> out.append("seed ").append(seed).append(": ")
                .append(format(secondLevel(topics))).append('\n'));
        for (String language : List.of("de", "en", "es", "fr", "ru", "uk")) {
            String text = resource("eval/ner/" + language + ".txt");
            out.append("eval/ner/").append(language).append(".txt: ").append(format(classify(text, language)))
                    .append('\n');
        }
        List<String> lines = resource("eval/langid-paragraphs.tsv").lines().toList();
        for (String gold : resource("eval/topics-paragraphs.gold.tsv").lines().filter(l -> !l.startsWith("#"))
                .toList()) {
            String[] fields = gold.split("\t");
            int line = Integer.parseInt(fields[0]);
            String language = fields[1];
            String text = lines.get(line - 1).split("\t", 2)[1];
            List<Topic> topics = classify(text, language);
            paragraphs++;
            boolean isFirst = !topics.isEmpty() && topics.get(0).code().equals(fields[2]);
            boolean isReported = topics.stream().anyMatch(t -> t.code().equals(fields[2]));
            first += isFirst ? 1 : 0;
            reported += isReported ? 1 : 0;
            out.append("paragraph ").append(line).append(" [").append(language).append("] gold ").append(fields[2])
                    .append(isFirst ? " first" : isReported ? " reported" : " MISSED").append(": ")
                    .append(format(topics)).append('\n');
        }
        out.append(String.format("paragraphs: gold topic first %d/%d (%.3f), reported %d/%d (%.3f)%n", first,
                paragraphs, first / (double) paragraphs, reported, paragraphs, reported / (double) paragraphs));
        out.append(String.format("the entity signal changed which topics are reported, or their order, for %d of %d texts%n", changedByEntities, texts));
        out.append("keywords per language:");
        classifier.languages().stream().sorted()
                .forEach(language -> out.append(' ').append(language).append('=')
                        .append(classifier.lexiconSize(language)));
        out.append('\n').append(speed(Seeds.analysedText(Seeds.FRENCH), "fr"));
        System.out.println(out);
    }

    /** Classification alone (entities given), one thread, after a warm-up. */
    private static String speed(String text, String language) {
        List<Entity> entities = recognizer.recognize(text, language).entities();
        int rounds = 300;
        for (int i = 0; i < rounds; i++) {
            classifier.classify(text, language, entities);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            classifier.classify(text, language, entities);
        }
        double ms = (System.nanoTime() - start) / 1e6 / rounds;
        int words = text.split("\\s+").length;
        return String.format("classification of the French seed (%d characters, %d words): %.2f ms, %.0f words/s%n",
                text.length(), words, ms, words / ms * 1000);
    }


    private static List<Topic> classify(String text, String language) {
        List<Entity> entities = recognizer.recognize(text, language).entities();
        List<Topic> topics = classifier.classify(text, language, entities).topics();
        texts++;
        List<Topic> withoutEntities = classifier.classify(text, language, List.of()).topics();
        if (!topics.stream().map(Topic::code).toList().equals(withoutEntities.stream().map(Topic::code).toList())) {
            changedByEntities++;
        }
        return topics;
    }

    private static List<Topic> secondLevel(List<Topic> topics) {
        return topics.stream().filter(t -> classifier.vocabulary().get(t.code()).orElseThrow().parent() != null)
                .toList();
    }

    private static String format(List<Topic> topics) {
        return topics.isEmpty() ? "(none)"
                : topics.stream().map(t -> t.code() + " " + t.label() + " " + t.score())
                        .collect(Collectors.joining("; "));
    }

    private static String resource(String name) {
        try (InputStream in = TopicEvaluationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> codes(String seed) {
        return new ArrayList<>(SEEDS.get(seed).stream().map(Topic::code).toList());
    }

    @Test
    void theFrenchSeedIsAboutWarAndPolitics() {
        assertThat(codes(Seeds.FRENCH)).contains("medtop:16000000", "medtop:11000000");
        // Putin pressing Lukashenko to join the invasion: the fighting and the relations between the two states.
        assertThat(codes(Seeds.FRENCH)).contains("medtop:20000056", "medtop:20000638");
    }

    @Test
    void thePortStrikeIsAboutLabourAndTheEconomy() {
        assertThat(codes(Seeds.ENGLISH)).contains("medtop:09000000", "medtop:04000000");
        assertThat(codes(Seeds.ENGLISH).get(0)).isEqualTo("medtop:09000000");
    }

    @Test
    void theCancelledNightTrainsAreAboutTheEconomy() {
        assertThat(codes(Seeds.GERMAN).get(0)).isEqualTo("medtop:04000000");
        assertThat(codes(Seeds.GERMAN)).doesNotContain("medtop:16000000", "medtop:09000000");
    }

    @Test
    void theEndOfTheDroughtIsAboutTheEnvironmentAndTheWeather() {
        assertThat(codes(Seeds.SPANISH)).contains("medtop:06000000", "medtop:17000000");
        assertThat(codes(Seeds.SPANISH)).doesNotContain("medtop:16000000", "medtop:15000000");
    }

    @Test
    void theParagraphsGetTheirTopicAtLeastAsOftenAsMeasured() {
        assertThat(first).as("gold topic first").isGreaterThanOrEqualTo(FLOOR_FIRST);
        assertThat(reported).as("gold topic reported").isGreaterThanOrEqualTo(FLOOR_REPORTED);
    }
}
