package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;

/**
 * The gazette index must change nothing but the time: CoreNLP's Italian model gives the same tag to every token of
 * every development article, in every language, with CoreNLP's own lookup and with the index. Surefire gives this
 * class a JVM of its own (the model takes about 780 MiB of heap before the index, 350 MiB after).
 */
class GazetteIndexTest {

    private static final List<String> LANGUAGES = List.of("it", "fr", "es", "en", "de");

    @Test
    void theItalianModelTagsEveryTokenAlikeWithAndWithoutTheIndex() throws Exception {
        CRFClassifier<CoreLabel> model = CRFClassifier.getClassifier("edu/stanford/nlp/models/ner/italian.crf.ser.gz");
        List<String> texts = LANGUAGES.stream().map(l -> NerEvalSet.load(l).text()).toList();
        List<String> before = tags(model, texts);

        int installed = GazetteIndex.install(model);
        List<String> after = tags(model, texts);

        assertThat(installed).isEqualTo(1);
        assertThat(before).hasSizeGreaterThan(1_000);
        assertThat(before.stream().filter(t -> !t.endsWith("/O"))).hasSizeGreaterThan(100);
        assertThat(after).containsExactlyElementsOf(before);
    }

    @Test
    void aModelWithoutACleanGazetteIsLeftAsItIs() throws Exception {
        CRFClassifier<CoreLabel> model = CRFClassifier.getClassifier(
                "edu/stanford/nlp/models/ner/spanish.ancora.distsim.s512.crf.ser.gz");
        Object factory = model.featureFactories.get(0);

        assertThat(GazetteIndex.install(model)).isZero();
        assertThat(model.featureFactories.get(0)).isSameAs(factory);
    }

    private static List<String> tags(CRFClassifier<CoreLabel> model, List<String> texts) {
        List<String> tags = new ArrayList<>();
        for (String text : texts) {
            for (List<CoreLabel> sentence : model.classify(text)) {
                for (CoreLabel token : sentence) {
                    tags.add(token.word() + "/" + token.get(CoreAnnotations.AnswerAnnotation.class));
                }
            }
        }
        return tags;
    }
}
