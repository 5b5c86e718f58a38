package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EntityType;

class MentionRulesTest {

    @Test
    void theCreditLineClosingAnArticleNamesAnOrganisationWhateverTheTaggerSaid() {
        String text = "Titre\n\nLe texte.\n\nSource\u00A0: Newsweek";
        int at = text.indexOf("Newsweek");

        List<Mention> mentions = MentionRules.apply(text, List.of(new Mention("Newsweek", at, at + 8, EntityType.MISC)));

        assertThat(mentions).containsExactly(new Mention("Newsweek", at, at + 8, EntityType.ORGANIZATION));
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
        int centre = text.indexOf("Centre");
        int institut = text.indexOf("Institut");

        List<Mention> mentions = MentionRules.apply(text, List.of(
                new Mention("Centre", centre, centre + 6, EntityType.ORGANIZATION),
                new Mention("Institut", institut, institut + 8, EntityType.LOCATION)));

        assertThat(mentions).extracting(Mention::text, Mention::type).containsExactly(
                tuple("Centre de résistance ukrainien", EntityType.ORGANIZATION),
                tuple("Institut pour l'étude de la guerre", EntityType.ORGANIZATION));
    }

    @Test
    void aNameInsideTheComplementBelongsToTheInstitution() {
        String text = "L'Institut de France a voté.";
        int institut = text.indexOf("Institut");
        int france = text.indexOf("France");

        List<Mention> mentions = MentionRules.apply(text, List.of(
                new Mention("Institut", institut, institut + 8, EntityType.ORGANIZATION),
                new Mention("France", france, france + 6, EntityType.LOCATION)));

        assertThat(mentions).extracting(Mention::text).containsExactly("Institut de France");
    }

    @Test
    void theNameEndsBeforeAnAuxiliaryVerb() {
        String text = "Le Centre de recherche a annoncé, mardi, un plan.";

        assertThat(MentionRules.apply(text, List.of(new Mention("Centre", 3, 9, EntityType.ORGANIZATION))))
                .extracting(Mention::text).containsExactly("Centre de recherche");
    }

    @Test
    void anInstitutionHeadFollowedByAVerbOrALongClauseStaysAlone() {
        String verb = "Le Centre a fermé ses portes hier.";
        String clause = "Le Centre de la ville est fermé depuis que les travaux ont commencé en mai dernier, dit-il.";

        assertThat(MentionRules.apply(verb, List.of(new Mention("Centre", 3, 9, EntityType.ORGANIZATION))))
                .extracting(Mention::text).containsExactly("Centre");
        assertThat(MentionRules.apply(clause, List.of(new Mention("Centre", 3, 9, EntityType.ORGANIZATION))))
                .extracting(Mention::text).containsExactly("Centre");
    }

    @Test
    void aNameRightAfterAWordForAPublicationIsThePublication() {
        for (String text : List.of("He told the American magazine Newsweek that", "a affirmé au magazine américain Newsweek que",
                "dijo a la revista estadounidense Newsweek que", "sagte der Zeitung Newsweek")) {
            int at = text.indexOf("Newsweek");

            assertThat(MentionRules.apply(text, List.of(new Mention("Newsweek", at, at + 8, EntityType.PERSON))))
                    .as(text).extracting(Mention::type).containsExactly(EntityType.ORGANIZATION);
        }
    }

    @Test
    void aPublicationWordFollowedByAnyOtherWordSaysNothingAboutTheName() {
        String text = "the newspaper said Putin had left";
        int at = text.indexOf("Putin");

        assertThat(MentionRules.apply(text, List.of(new Mention("Putin", at, at + 5, EntityType.PERSON))))
                .extracting(Mention::type).containsExactly(EntityType.PERSON);
    }

    @Test
    void anInstitutionHeadBeforeTheNameTheModelFoundIsPartOfTheName() {
        String text = "said the Institute for the Study of War in Washington";
        int at = text.indexOf("Study");

        assertThat(MentionRules.apply(text, List.of(new Mention("Study of War", at, at + 12, EntityType.MISC))))
                .extracting(Mention::text, Mention::type)
                .containsExactly(tuple("Institute for the Study of War", EntityType.ORGANIZATION));
    }
}
