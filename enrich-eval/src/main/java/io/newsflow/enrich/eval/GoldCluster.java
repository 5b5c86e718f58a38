package io.newsflow.enrich.eval;

import java.util.List;
import java.util.Set;

/**
 * One gold entity of a text: the forms it is written in (normalised, see {@link SurfaceForms}), the types that count
 * as right (one, or two where the gold says either is: {@code ORG|LOC}), and how a predicted string is matched to it.
 */
record GoldCluster(Set<String> types, List<String> forms, Rule rule) {

    /** How predicted strings are compared with the forms. */
    enum Rule {
        /** The public sets: every surface form is listed; same words, lenient on inflection. */
        SURFACE,
        /**
         * The project's own sets, which give each entity once, in full: a predicted string matches when it is the
         * name or runs inside it, or the reverse, as whole words ("Poutine" for "Vladimir Poutine").
         */
        CONTAINS,
        /** The project's own Russian and Ukrainian sets: a predicted word starts with the stem. */
        STEM
    }

    GoldCluster {
        types = Set.copyOf(types);
        forms = List.copyOf(forms);
    }

    /** Whether a predicted (normalised) string names this entity, whatever its type. */
    boolean matches(String predicted) {
        return switch (rule) {
            case SURFACE -> forms.stream().anyMatch(f -> SurfaceForms.match(f, predicted));
            case CONTAINS -> forms.stream().anyMatch(f -> SurfaceForms.overlaps(f, predicted));
            case STEM -> SurfaceForms.words(predicted).stream().anyMatch(w -> forms.stream().anyMatch(w::startsWith));
        };
    }

    /** Whether a predicted string covers more or less than this entity (a wrong span rather than a miss). */
    boolean overlaps(String predicted) {
        return rule == Rule.SURFACE && forms.stream().anyMatch(f -> SurfaceForms.overlaps(f, predicted));
    }
}
