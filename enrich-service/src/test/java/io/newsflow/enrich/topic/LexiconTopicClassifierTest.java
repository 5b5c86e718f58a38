package io.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsflow.events.Engine;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.Topic;

class LexiconTopicClassifierTest {

    private static final Optional<Path> NO_EXTRA = Optional.empty();

    private final LexiconTopicClassifier classifier = new LexiconTopicClassifier(0.15, 5, 7.0, NO_EXTRA, "1.2.3");

    private List<String> codes(String text, String language) {
        return classifier.classify(text, language, List.of()).topics().stream().map(Topic::code).toList();
    }

    @Test
    void theVocabularyHasTheSeventeenTopLevelSubjectsWithTheirIptcCodes() {
        List<MediaTopic> top = classifier.vocabulary().all().stream().filter(t -> t.parent() == null).toList();

        assertThat(top).hasSize(17);
        assertThat(top).extracting(MediaTopic::code).allMatch(code -> code.matches("medtop:(0[1-9]|1[0-7])000000"));
        assertThat(classifier.vocabulary().get("medtop:16000000")).map(MediaTopic::label)
                .contains("conflict, war and peace");
        assertThat(classifier.vocabulary().get("medtop:01000000")).map(MediaTopic::label)
                .contains("arts, culture, entertainment and media");
        assertThat(classifier.vocabulary().get("medtop:17000000")).map(MediaTopic::label).contains("weather");
    }

    @Test
    void everyLanguageOfTheServiceHasALexicon() {
        assertThat(classifier.languages()).containsExactlyInAnyOrder("en", "fr", "de", "es", "it", "pt", "nl", "pl",
                "ru", "uk");
        for (String language : classifier.languages()) {
            assertThat(classifier.lexiconSize(language)).as(language).isGreaterThan(300);
        }
    }

    @Test
    void inflectedFormsMatchTheKeywordsStem() {
        TopicLexicon lexicon = lexicon("fr", "medtop:16000000\tsoldat, armée\n");

        assertThat(lexicon.matches("Les soldats de l'armée et trois autres soldats"))
                .containsExactly(new TopicLexicon.Match("medtop:16000000", "soldat", 2),
                        new TopicLexicon.Match("medtop:16000000", "armée", 1));
    }

    @Test
    void aKeywordOfSeveralWordsMatchesOnlyThoseWordsInARowStopWordsAside() {
        TopicLexicon lexicon = lexicon("en", "medtop:06000000\tclimate change\n");

        assertThat(lexicon.matches("Climate changes everything")).hasSize(1);
        assertThat(lexicon.matches("The climate will change")).hasSize(1);
        assertThat(lexicon.matches("The climate may change")).isEmpty();
    }

    @Test
    void formsThatStemAlikeCountOnce() {
        TopicLexicon lexicon = lexicon("en", "medtop:04000000\ttrain, trains\n");

        assertThat(lexicon.size()).isEqualTo(1);
        assertThat(lexicon.matches("Two trains and a train")).containsExactly(
                new TopicLexicon.Match("medtop:04000000", "train", 2));
    }

    @Test
    void aGermanKeywordMatchesInsideACompound() {
        TopicLexicon lexicon = lexicon("de", "medtop:16000000\tKrieg, Soldat\nmedtop:04000000\tNachtzug\n");

        assertThat(lexicon.matches("Nachtzugverbindungen und Kriegsverbrechen"))
                .extracting(TopicLexicon.Match::keyword).containsExactly("Nachtzug", "Krieg");
        assertThat(lexicon.matches("Die Berufssoldaten")).extracting(TopicLexicon.Match::keyword)
                .containsExactly("Soldat");
    }

    @Test
    void aPolishOrUkrainianWordMatchesOnItsFirstFiveLetters() {
        TopicLexicon polish = lexicon("pl", "medtop:11000000\tparlament\n");
        TopicLexicon ukrainian = lexicon("uk", "medtop:11000000\tпарламент\n");

        assertThat(polish.matches("w parlamencie")).hasSize(1);
        assertThat(ukrainian.matches("у парламенті")).hasSize(1);
    }

    @Test
    void aLexiconLineNamingAnUnknownTopicIsRefused() {
        assertThatThrownBy(() -> lexicon("en", "medtop:99000000\twar\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("medtop:99000000");
        assertThatThrownBy(() -> lexicon("en", "medtop:16000000 war\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TAB");
    }

    @Test
    void aVocabularyWithAChildBeforeItsParentIsRefused() {
        assertThatThrownBy(() -> MediaTopics.parse("medtop:20000344\tmedtop:04000000\teconomy\n", "test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parent medtop:04000000");
    }

    @Test
    void aWarReportInFrenchIsAboutConflictFirst() {
        String text = "Les troupes russes lancent une offensive\n\nL'armée a bombardé la ville. Les soldats avancent "
                + "sous les tirs d'artillerie, selon le ministère de la Défense.";

        List<Topic> topics = classifier.classify(text, "fr", List.of()).topics();

        assertThat(topics).first().extracting(Topic::code).isEqualTo("medtop:16000000");
        assertThat(topics).first().extracting(Topic::label).isEqualTo("conflict, war and peace");
    }

    @Test
    void aChildTopicImpliesItsParentRankedAboveIt() {
        List<Topic> topics = classifier.classify("Inflation and recession\n\nThe central bank raised its interest "
                + "rate as inflation rose.", "en", List.of()).topics();

        assertThat(topics).extracting(Topic::code).containsSubsequence("medtop:04000000", "medtop:20000344");
        assertThat(topics.get(0).score()).isGreaterThanOrEqualTo(topics.get(1).score());
    }

    @Test
    void aReportOfFightingGetsArmedConflictWithConflictWarAndPeaceRankedAboveIt() {
        List<Topic> topics = classifier.classify("Troops launch an offensive\n\nArtillery shelling hit the front line "
                + "as the invasion entered its third year, the army said.", "en", List.of()).topics();

        assertThat(topics).extracting(Topic::code).startsWith("medtop:16000000", "medtop:20000056");
        assertThat(topics.get(1).label()).isEqualTo("armed conflict");
        assertThat(topics.get(0).score()).isGreaterThan(topics.get(1).score());
        assertThat(classifier.vocabulary().get("medtop:20000056")).map(MediaTopic::parent).contains("medtop:16000000");
    }

    @Test
    void everySecondLevelTopicHangsUnderATopLevelSubject() {
        List<MediaTopic> children = classifier.vocabulary().all().stream().filter(t -> t.parent() != null).toList();

        assertThat(children).hasSizeGreaterThanOrEqualTo(20).allSatisfy(child -> assertThat(
                classifier.vocabulary().get(child.parent()).orElseThrow().parent()).as(child.code()).isNull());
    }

    @Test
    void oneStrayKeywordStaysBelowTheThreshold() {
        assertThat(codes("The weather was fine and the market opened.", "en")).isEmpty();
    }

    @Test
    void scoresAreBetweenZeroAndOneAndBestFirst() {
        List<Topic> topics = classifier.classify("Strike at the port\n\nDock workers and their union ended the "
                + "strike after a pay deal; cargo and freight move again and container ships leave.", "en",
                List.of()).topics();

        assertThat(topics).isNotEmpty().allSatisfy(t -> assertThat(t.score()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0));
        assertThat(topics).extracting(Topic::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(topics).extracting(Topic::code).startsWith("medtop:09000000");
    }

    @Test
    void theSubjectsScoresAddUpToAtMostOneInEveryLanguage() {
        List<String[]> reports = List.of(
                new String[] {"en", "Elections and the economy\n\nVoters went to the polls as inflation and interest "
                        + "rates rose; the central bank and the government argued over the budget."},
                new String[] {"fr", "Élections et économie\n\nLes électeurs ont voté alors que l'inflation et les taux "
                        + "d'intérêt montaient ; la banque centrale et le gouvernement se disputaient le budget."},
                new String[] {"pt", "Eleições e economia\n\nOs eleitores votaram enquanto a inflação e os juros "
                        + "subiam; o banco central e o governo discutiam o orçamento."});
        for (String[] report : reports) {
            List<Topic> subjects = classifier.classify(report[1], report[0], List.of()).topics().stream()
                    .filter(t -> classifier.vocabulary().get(t.code()).orElseThrow().parent() == null).toList();

            assertThat(subjects).as(report[0]).extracting(Topic::code)
                    .contains("medtop:04000000", "medtop:11000000");
            assertThat(subjects.stream().mapToDouble(Topic::score).sum()).as(report[0]).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void aNarrowerTopicHoldingLittleOfItsParentsEvidenceIsNotReported() {
        List<Topic> topics = classifier.classify("The government and parliament\n\nThe prime minister, the cabinet "
                + "and the ministers met lawmakers in parliament; the minister presented legislation to the senate "
                + "and the coalition. One candidate listened.", "en", List.of()).topics();

        assertThat(topics).extracting(Topic::code).startsWith("medtop:11000000", "medtop:20000593")
                .doesNotContain("medtop:20000574");
        assertThat(classifier.vocabulary().get("medtop:20000574")).map(MediaTopic::parent).contains("medtop:11000000");
    }

    @Test
    void noMoreTopicsThanTheLimitAreReported() {
        LexiconTopicClassifier one = new LexiconTopicClassifier(0.1, 1, 7.0, NO_EXTRA, "1.2.3");
        String text = "War and elections\n\nThe army, troops and missiles; the parliament, the president and the vote.";

        assertThat(one.classify(text, "en", List.of()).topics()).hasSize(1);
        assertThat(classifier.classify(text, "en", List.of()).topics()).hasSizeGreaterThan(1);
    }

    @Test
    void countriesAndPeopleStrengthenPolitics() {
        String text = "A visit\n\nThe president met his counterpart.";
        List<Entity> stateVisit = List.of(
                new Entity("Vladimir Putin", EntityType.PERSON, null, 1, List.of("Vladimir Putin"), 0),
                new Entity("Alexander Lukashenko", EntityType.PERSON, null, 1, List.of("Alexander Lukashenko"), 20),
                new Entity("Russia", EntityType.LOCATION, "iso3166:RU", 1, List.of("Russia"), 40),
                new Entity("Belarus", EntityType.LOCATION, "iso3166:BY", 1, List.of("Belarus"), 50));

        double without = politics(classifier.classify(text, "en", List.of()).topics());
        double with = politics(classifier.classify(text, "en", stateVisit).topics());

        assertThat(with).isGreaterThan(without);
    }

    private static double politics(List<Topic> topics) {
        return topics.stream().filter(t -> t.code().equals("medtop:11000000")).mapToDouble(Topic::score).findFirst()
                .orElse(0.0);
    }

    @Test
    void aTextInALanguageWithoutLexiconGetsNoTopicsButNamesTheEngine() {
        Classification classification = classifier.classify("War war war", "und", List.of());

        assertThat(classification.topics()).isEmpty();
        assertThat(classification.engines()).containsExactly(new Engine("newsflow-iptc-lexicon", "1.2.3"));
    }

    @Test
    void theEnginesAreTheLexiconAtTheServiceVersionAndLucene() {
        assertThat(classifier.classify("War", "en", List.of()).engines()).containsExactly(
                new Engine("newsflow-iptc-lexicon", "1.2.3"),
                new Engine("lucene-analysis-common", org.apache.lucene.util.Version.LATEST.toString()));
    }

    @Test
    void anOperatorsLexiconDirectoryAddsKeywords(@TempDir Path dir) throws IOException {
        String text = "Quidditch in the park\n\nQuidditch drew crowds on Sunday.";
        assertThat(codes(text, "en")).doesNotContain("medtop:15000000");

        Files.writeString(dir.resolve("en.tsv"), "medtop:15000000\tquidditch\n", StandardCharsets.UTF_8);
        LexiconTopicClassifier extended = new LexiconTopicClassifier(0.15, 5, 7.0, Optional.of(dir), "1.2.3");

        assertThat(extended.classify(text, "en", List.of()).topics()).extracting(Topic::code)
                .contains("medtop:15000000");
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new LexiconTopicClassifier(1.5, 5, 3.0, NO_EXTRA, "1"))
                .hasMessageContaining("newsflow.enrich.topics.threshold");
        assertThatThrownBy(() -> new LexiconTopicClassifier(0.5, 0, 3.0, NO_EXTRA, "1"))
                .hasMessageContaining("newsflow.enrich.topics.max-topics");
        assertThatThrownBy(() -> new LexiconTopicClassifier(0.5, 5, 0.0, NO_EXTRA, "1"))
                .hasMessageContaining("newsflow.enrich.topics.saturation");
        assertThatThrownBy(() -> new LexiconTopicClassifier(0.5, 5, 3.0, Optional.of(Path.of("/no/such/dir")), "1"))
                .hasMessageContaining("newsflow.enrich.topics.lexicon-dir");
    }

    private static TopicLexicon lexicon(String language, String tsv) {
        StemAnalyzers analyzers = new StemAnalyzers();
        TopicLexicon lexicon = new TopicLexicon(analyzers.forLanguage(language).orElseThrow(),
                StemAnalyzers.COMPOUNDING.contains(language));
        lexicon.add(tsv, "test", MediaTopics.shipped());
        return lexicon;
    }
}
