package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.newsflow.enrich.ShippedSettings;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

/**
 * The Italian pipeline, which the service runs only when an operator adds {@code it} to the CoreNLP languages (its
 * model needs about 770 MiB of heap). Surefire gives this class a JVM of its own.
 */
class ItalianPipelineTest {

    private static final double PRECISION_FLOOR = 1.0;
    private static final double RECALL_FLOOR = 0.937;

    @Test
    void italianPeoplePlacesAndOrganisationsAreFoundWithOffsetsIntoTheText() {
        String text = "Mattarella riceve Putin\n\nIl presidente Sergio Mattarella ha incontrato a Roma i dirigenti "
                + "della FIAT. Mattarella ha poi parlato con Vladimir Putin.";
        CoreNlpTagger tagger = new CoreNlpTagger(List.of("it"));

        List<Mention> mentions = tagger.tag(text, "it");

        assertThat(mentions).allSatisfy(m -> assertThat(text.substring(m.begin(), m.end())).isEqualTo(m.text()));
        assertThat(mentions).anySatisfy(m -> {
            assertThat(m.text()).isEqualTo("Sergio Mattarella");
            assertThat(m.type()).isEqualTo(EntityType.PERSON);
        });
        assertThat(mentions).anySatisfy(m -> {
            assertThat(m.text()).isEqualTo("Roma");
            assertThat(m.type()).isEqualTo(EntityType.LOCATION);
        });
        assertThat(tagger.engine("it").name()).isEqualTo("stanford-corenlp/italian");
    }

    /**
     * The Italian model against the chunker the service uses for Italian by default, on the Italian development
     * article: the table {@link EntityEvaluationTest} prints for the chunker, printed here for CoreNLP.
     */
    @Test
    void theItalianModelIsMeasuredOnTheItalianDevelopmentArticle() {
        NerEvalSet set = NerEvalSet.load("it");
        MultilingualEntityRecognizer recognizer = new MultilingualEntityRecognizer(List.of("it"),
                ShippedSettings.languages(), "test");
        recognizer.recognize(set.text(), "it");
        int runs = 5;
        long start = System.nanoTime();
        for (int i = 1; i < runs; i++) {
            recognizer.recognize(set.text(), "it");
        }
        List<Entity> entities = recognizer.recognize(set.text(), "it").entities();
        double seconds = (System.nanoTime() - start) / 1e9;
        EntityEvaluationTest.Score score = EntityEvaluationTest.score(set, entities);

        System.out.printf(Locale.ROOT, "it (CoreNLP italian)  entities %d  gold %d  precision %.3f  recall %.3f  "
                + "F1 %.3f  tokens/s %.0f%n", entities.size(), set.gold().size(), score.precision(),
                score.recall(), score.f1(), set.text().split("\\s+").length * runs / seconds);
        entities.forEach(e -> System.out.printf("      %s %-12s %s%n", score.correct(e, set) ? "+" : "-", e.type(),
                e.name()));
        assertThat(score.precision()).isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(score.recall()).isGreaterThanOrEqualTo(RECALL_FLOOR);
    }
}
