package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EntityType;

/** The pipeline definitions and label mapping, without loading a model. */
class CoreNlpTaggerTest {

    @Test
    void everyPipelineIsLeanTokenisationSentencesAndNerOnly() {
        for (String language : CoreNlpTagger.SUPPORTED) {
            Properties p = CoreNlpTagger.properties(language);

            assertThat(List.of(p.getProperty("annotators").split(","))).as(language)
                    .containsAnyOf("tokenize").contains("ner")
                    .doesNotContain("pos", "lemma", "parse", "depparse", "coref", "kbp");
            assertThat(p.getProperty("ner.useSUTime")).as(language).isEqualTo("false");
            assertThat(p.getProperty("ner.applyNumericClassifiers")).as(language).isEqualTo("false");
            assertThat(p.getProperty("ner.applyFineGrained")).as(language).isEqualTo("false");
            assertThat(p.getProperty("ner.model")).as(language).doesNotContain(",");
        }
    }

    @Test
    void multiWordTokensAreExpandedWhereTheModelsWereTrainedOnThem() {
        for (String language : List.of("fr", "de", "es")) {
            Properties p = CoreNlpTagger.properties(language);

            assertThat(p.getProperty("annotators")).as(language).contains("mwt");
            assertThat(p.getProperty("mwt.mappingFile")).as(language).isNotBlank();
            assertThat(CoreNlpTaggerTest.class.getClassLoader().getResource(p.getProperty("mwt.mappingFile")))
                    .as(language).isNotNull();
        }
    }

    @Test
    void theModelOfEverySupportedLanguageIsPackaged() {
        for (String language : CoreNlpTagger.SUPPORTED) {
            String model = CoreNlpTagger.properties(language).getProperty("ner.model");

            assertThat(CoreNlpTaggerTest.class.getClassLoader().getResource(model)).as(model).isNotNull();
        }
    }

    @Test
    void theLabelsOfEveryModelMapToTheContractTypes() {
        assertThat(CoreNlpTagger.typeOf("PERSON")).isEqualTo(EntityType.PERSON);
        assertThat(CoreNlpTagger.typeOf("I-PER")).isEqualTo(EntityType.PERSON);
        assertThat(CoreNlpTagger.typeOf("ORG")).isEqualTo(EntityType.ORGANIZATION);
        assertThat(CoreNlpTagger.typeOf("GPE")).isEqualTo(EntityType.LOCATION);
        assertThat(CoreNlpTagger.typeOf("CITY")).isEqualTo(EntityType.LOCATION);
        assertThat(CoreNlpTagger.typeOf("LOC")).isEqualTo(EntityType.LOCATION);
        assertThat(CoreNlpTagger.typeOf("MISC")).isEqualTo(EntityType.MISC);
        assertThat(CoreNlpTagger.typeOf("DATE")).isNull();
        assertThat(CoreNlpTagger.typeOf("O")).isNull();
    }

    @Test
    void anUnsupportedLanguageIsRefusedNamingTheSupportedOnes() {
        assertThatThrownBy(() -> new CoreNlpTagger(List.of("fr", "pt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[pt]")
                .hasMessageContaining("[de, en, es, fr, it]");
    }
}
