package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EntityType;

/**
 * The Italian pipeline: CoreNLP's Italian model with the gazette index ({@link GazetteIndex}), tokenised with the
 * English rules. Its accuracy is measured with the other languages' in {@link EntityEvaluationTest}.
 */
class ItalianPipelineTest {

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
}
