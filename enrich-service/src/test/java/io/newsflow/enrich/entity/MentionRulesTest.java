package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EntityType;

class MentionRulesTest {

    @Test
    void theCreditLineClosingAnArticleNamesAnOrganisationWhateverTheTaggerSaid() {
        String text = "Titre\n\nLe texte.\n\nSource\u00A0: Newsweek\n";

        assertThat(MentionRules.apply(text, List.of(mention(text, "Newsweek", EntityType.MISC))))
                .containsExactly(mention(text, "Newsweek", EntityType.ORGANIZATION));
    }

    @Test
    void aCreditLineTheTaggerMissedStillGivesTheOrganisation() {
        String text = "Überschrift\n\nDer Text.\nQuelle: Deutsche Presse-Agentur";

        assertThat(MentionRules.apply(text, List.of())).extracting(Mention::text, Mention::type)
                .containsExactly(tuple("Deutsche Presse-Agentur", EntityType.ORGANIZATION));
    }

    @Test
    void aSourceLineInsideTheArticleOrInLowerCaseIsNoCredit() {
        assertThat(MentionRules.apply("Title\nSource: Reuters\nMore text follows.", List.of())).isEmpty();
        assertThat(MentionRules.apply("Title\n\nText.\nSource: a leaked memo", List.of())).isEmpty();
    }

    @Test
    void aLoneInstitutionHeadTakesItsLowerCaseComplementUpToThePunctuation() {
        String text = "Selon le Centre de résistance ukrainien, 12 000 soldats. L'Institut pour l'étude de la guerre - dans";

        List<Mention> mentions = MentionRules.apply(text, List.of(mention(text, "Centre", EntityType.ORGANIZATION),
                mention(text, "Institut", EntityType.LOCATION)));

        assertThat(mentions).extracting(Mention::text, Mention::type).containsExactly(
                tuple("Centre de résistance ukrainien", EntityType.ORGANIZATION),
                tuple("Institut pour l'étude de la guerre", EntityType.ORGANIZATION));
    }

    @Test
    void aNameInsideTheComplementBelongsToTheInstitution() {
        String text = "L'Institut de France a voté.";

        List<Mention> mentions = MentionRules.apply(text, List.of(mention(text, "Institut", EntityType.ORGANIZATION),
                mention(text, "France", EntityType.LOCATION)));

        assertThat(mentions).extracting(Mention::text).containsExactly("Institut de France");
    }

    @Test
    void theNameEndsBeforeAnAuxiliaryVerb() {
        String text = "Le Centre de recherche a annoncé, mardi, un plan.";

        assertThat(MentionRules.apply(text, List.of(mention(text, "Centre", EntityType.ORGANIZATION))))
                .extracting(Mention::text).containsExactly("Centre de recherche");
    }

    @Test
    void anInstitutionHeadFollowedByAVerbOrALongClauseStaysAlone() {
        String verb = "Le Centre a fermé ses portes hier.";
        String clause = "Le Centre de la ville est fermé depuis que les travaux ont commencé en mai dernier, dit-il.";
        String unpunctuated = "Le Centre de " + "la ville ".repeat(100);

        for (String text : List.of(verb, clause, unpunctuated)) {
            assertThat(MentionRules.apply(text, List.of(mention(text, "Centre", EntityType.ORGANIZATION))))
                    .extracting(Mention::text).containsExactly("Centre");
        }
    }

    @Test
    void aNameRightAfterAWordForAPublicationIsThePublication() {
        for (String text : List.of("He told the American magazine Newsweek that", "a affirmé au magazine américain Newsweek que",
                "dijo a la revista estadounidense Newsweek que", "sagte der Zeitung Newsweek")) {
            assertThat(MentionRules.apply(text, List.of(mention(text, "Newsweek", EntityType.PERSON))))
                    .as(text).extracting(Mention::type).containsExactly(EntityType.ORGANIZATION);
        }
    }

    @Test
    void aPublicationWordFollowedByAnyOtherWordSaysNothingAboutTheName() {
        String text = "the newspaper said Putin had left";

        assertThat(MentionRules.apply(text, List.of(mention(text, "Putin", EntityType.PERSON))))
                .extracting(Mention::type).containsExactly(EntityType.PERSON);
    }

    @Test
    void anInstitutionHeadBeforeTheNameTheModelFoundIsPartOfTheName() {
        String text = "said the Institute for the Study of War in Washington";

        assertThat(MentionRules.apply(text, List.of(mention(text, "Study of War", EntityType.MISC))))
                .extracting(Mention::text, Mention::type)
                .containsExactly(tuple("Institute for the Study of War", EntityType.ORGANIZATION));
    }

    /** The first occurrence of {@code name} in {@code text}, as a tagger would report it. */
    private static Mention mention(String text, String name, EntityType type) {
        int at = text.indexOf(name);
        return new Mention(name, at, at + name.length(), type);
    }
}
