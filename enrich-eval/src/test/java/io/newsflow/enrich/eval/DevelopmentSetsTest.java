package io.newsflow.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation over the development sets, with enrich-service's engines as shipped, against floors at the figures
 * measured (enrich-eval/README.md): a change that loses accuracy fails the build. The public sets live beside the
 * repository ({@code ../shared/eval/public}, never copied into it): where they are absent these checks are skipped and
 * say so; the project's own sets are always there.
 */
class DevelopmentSetsTest {

    private static final Path PUBLIC = Path.of(System.getProperty("newsflow.eval.public", "../../shared/eval/public"));
    private static final Path OWN = Path.of("../enrich-service/src/test/resources/eval");

    /** F1 (type-aware) and precision per public entity file, as measured, cut to two decimals. */
    private static final Map<String, double[]> ENTITY_FLOORS = Map.ofEntries(
            Map.entry("ner_conll2003_en.jsonl", new double[] {0.91, 0.92}),
            Map.entry("ner_germeval2014_de.jsonl", new double[] {0.83, 0.85}),
            Map.entry("ner_hipe2020_de.jsonl", new double[] {0.56, 0.64}),
            Map.entry("ner_conll2002_es.jsonl", new double[] {0.80, 0.79}),
            Map.entry("ner_hipe2020_fr.jsonl", new double[] {0.65, 0.61}),
            Map.entry("ner_kind_wikinews_it.jsonl", new double[] {0.87, 0.90}),
            Map.entry("ner_conll2002_nl.jsonl", new double[] {0.58, 0.80}),
            Map.entry("ner_harem2_pt.jsonl", new double[] {0.55, 0.67}),
            Map.entry("ner_bsnlp2019_pl.jsonl", new double[] {0.71, 0.81}),
            Map.entry("ner_bsnlp2019_ru.jsonl", new double[] {0.66, 0.75}),
            Map.entry("ner_bsnlp2019_uk.jsonl", new double[] {0.59, 0.64}),
            Map.entry("ner_neruk2_ng_uk.jsonl", new double[] {0.50, 0.56}));

    /** Top-1 and top-2 per public topic file. */
    private static final Map<String, double[]> TOPIC_FLOORS = Map.of(
            "topics_masakhanews_en.jsonl", new double[] {0.76, 0.89},
            "topics_masakhanews_fr.jsonl", new double[] {0.74, 0.82},
            "topics_ptbr_news_pt.jsonl", new double[] {0.77, 0.90},
            "topics_sib200_sentences.jsonl", new double[] {0.43, 0.52});

    /** Accuracy and the largest und rate per public language file. */
    private static final Map<String, double[]> LANGUAGE_FLOORS = Map.of(
            "langid_flores_sentences.jsonl", new double[] {0.99, 0.009},
            "langid_news_headlines.jsonl", new double[] {0.98, 0.019});

    /** F1 per language of the project's own entity articles. */
    private static final Map<String, Double> OWN_ENTITY_FLOORS = Map.of(
            "ner/de", 0.91, "ner/en", 0.94, "ner/es", 0.91, "ner/fr", 0.91, "ner/it", 0.83, "ner/ru", 0.93,
            "ner/uk", 0.93);

    /**
     * Place links of the public sets' gold LOC found as locations (PlaceLinks): how many are judged against the
     * hand-written list, the share linked right and wrong, and the share of all found gold LOC with a ref (measured
     * 6 December 2026 with the chunker's typing rules: 680 judged, 99.9 % right, 0.1 % wrong, 79.3 % of 1,815 linked).
     */
    private static final int PLACES_JUDGED_FLOOR = 670;
    private static final double PLACES_RIGHT_FLOOR = 0.99;
    private static final double PLACES_WRONG_CEILING = 0.01;
    private static final double PLACES_LINKED_FLOOR = 0.79;

    private static ShippedPipeline shipped;
    private static Evaluation publicSets;
    private static Evaluation ownSets;

    @BeforeAll
    static void evaluate() {
        shipped = ShippedPipeline.load("test");
        int threads = Runtime.getRuntime().availableProcessors();
        if (Files.isDirectory(PUBLIC)) {
            publicSets = Evaluation.run(Corpus.load(PUBLIC), shipped.pipeline(), threads, System.out);
            System.out.println(Report.text(PUBLIC.toString(), publicSets));
        } else {
            System.out.println("No public development sets at " + PUBLIC.toAbsolutePath() + ": not measured");
        }
        ownSets = Evaluation.run(Corpus.load(OWN), shipped.pipeline(), threads, System.out);
        System.out.println(Report.text(OWN.toString(), ownSets));
    }

    @Test
    void placesOfThePublicSetsAreLinkedToTheRightRef() {
        assumeTrue(publicSets != null, "the public development sets are not beside the repository");
        PlaceLinks.Tally places = PlaceLinks.tally(publicSets.results(), PlaceLinks.list());
        System.out.println(places);
        assertThat(places.judged).isGreaterThanOrEqualTo(PLACES_JUDGED_FLOOR);
        assertThat(places.rightShare()).isGreaterThanOrEqualTo(PLACES_RIGHT_FLOOR);
        assertThat(places.wrongShare()).isLessThanOrEqualTo(PLACES_WRONG_CEILING);
        assertThat(places.linkedShare()).isGreaterThanOrEqualTo(PLACES_LINKED_FLOOR);
    }

    @Test
    void entitiesOfThePublicSetsAreFoundAtLeastAsWellAsMeasured() {
        assumeTrue(publicSets != null, "the public development sets are not beside the repository");
        ENTITY_FLOORS.forEach((file, floor) -> {
            Prf score = publicSets.byFile().get(file).entities.total();
            assertThat(score.f1()).as("%s F1", file).isGreaterThanOrEqualTo(floor[0]);
            assertThat(score.precision()).as("%s precision", file).isGreaterThanOrEqualTo(floor[1]);
        });
    }

    @Test
    void topicsOfThePublicSetsAreRankedAtLeastAsWellAsMeasured() {
        assumeTrue(publicSets != null, "the public development sets are not beside the repository");
        TOPIC_FLOORS.forEach((file, floor) -> {
            TopicTally score = publicSets.byFile().get(file).topics;
            assertThat(score.top1()).as("%s top-1", file).isGreaterThanOrEqualTo(floor[0]);
            assertThat(score.top2()).as("%s top-2", file).isGreaterThanOrEqualTo(floor[1]);
        });
    }

    @Test
    void languagesOfThePublicSetsAreIdentifiedAtLeastAsWellAsMeasured() {
        assumeTrue(publicSets != null, "the public development sets are not beside the repository");
        LANGUAGE_FLOORS.forEach((file, floor) -> {
            LanguageTally score = publicSets.byFile().get(file).languages;
            assertThat(score.accuracy()).as("%s accuracy", file).isGreaterThanOrEqualTo(floor[0]);
            assertThat(score.undeterminedRate()).as("%s und", file).isLessThanOrEqualTo(floor[1]);
        });
    }

    @Test
    void theProjectsOwnArticlesAreRecognisedAtLeastAsWellAsMeasured() {
        OWN_ENTITY_FLOORS.forEach((file, floor) -> assertThat(ownSets.byFile().get(file).entities.total().f1())
                .as("%s F1", file).isGreaterThanOrEqualTo(floor));
        assertThat(ownSets.byFile().get("langid-titles.tsv").languages.accuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(ownSets.byFile().get("langid-paragraphs.tsv").languages.accuracy()).isEqualTo(1.0);
        assertThat(ownSets.byFile().get("topics-paragraphs.gold.tsv").topics.top1()).isEqualTo(1.0);
    }
}
