package io.newsflow.enrich.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

/**
 * The place-linking evaluation: which places the hand-written list {@code place-refs.tsv} (ref, language, name) expects
 * behind which names, and how the refs of the enriched texts compare with it. A gold LOC of an evaluation text is
 * judged when one of its forms is a listed name of the text's language (lenient on inflection, as the entity scores
 * are, for the inflecting languages only): linked to the listed ref (right), to another ref (wrong), or to none (unlinked); a gold LOC the recogniser did
 * not find as a location is not judged (that is the entity scores' miss).
 */
final class PlaceLinks {

    /**
     * Languages whose gold forms are inflected (Москве, Warszawie): matched to the listed nominative leniently. Elsewhere
     * a listed name must be the gold form, or "Kiel" would be taken for "Kiew".
     */
    private static final java.util.Set<String> INFLECTING = java.util.Set.of("ru", "uk", "pl");

    /** A listed place name. */
    record Listed(String ref, String language, String name) {
    }

    /** The counts of one run. */
    static final class Tally {
        int goldLocations;
        int goldLocationsLinked;
        int judged;
        int right;
        int wrong;
        final List<String> wrongExamples = new ArrayList<>();

        double rightShare() {
            return judged == 0 ? 0 : (double) right / judged;
        }

        double wrongShare() {
            return judged == 0 ? 0 : (double) wrong / judged;
        }

        double precision() {
            return right + wrong == 0 ? 0 : (double) right / (right + wrong);
        }

        double linkedShare() {
            return goldLocations == 0 ? 0 : (double) goldLocationsLinked / goldLocations;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "place links: %d listed gold places judged, %.1f%% right, %.1f%% wrong, precision %.3f; "
                            + "%d gold LOC found as locations, %.1f%% of them with a ref; wrong: %s",
                    judged, 100 * rightShare(), 100 * wrongShare(), precision(), goldLocations, 100 * linkedShare(),
                    wrongExamples);
        }
    }

    private PlaceLinks() {
    }

    static List<Listed> list() {
        try (InputStream in = PlaceLinks.class.getClassLoader().getResourceAsStream("place-refs.tsv")) {
            List<Listed> listed = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                listed.add(new Listed(fields[0], fields[1], fields[2]));
            }
            return listed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tally tally(List<Evaluation.Result> results, List<Listed> listed) {
        Map<String, List<Listed>> byLanguage = new LinkedHashMap<>();
        listed.forEach(l -> byLanguage.computeIfAbsent(l.language(), k -> new ArrayList<>()).add(l));
        Tally tally = new Tally();
        for (Evaluation.Result result : results) {
            EvalItem item = result.item();
            if (item.task() != EvalItem.Task.ENTITIES) {
                continue;
            }
            for (GoldCluster cluster : item.entities()) {
                if (!cluster.types().contains("LOC")) {
                    continue;
                }
                Entity found = result.enriched().entities().stream()
                        .filter(e -> e.type() == EntityType.LOCATION)
                        .filter(e -> e.surfaceForms().stream().anyMatch(f -> cluster.matches(SurfaceForms.normalise(f))))
                        .findFirst().orElse(null);
                if (found == null) {
                    continue;
                }
                tally.goldLocations++;
                if (found.ref() != null) {
                    tally.goldLocationsLinked++;
                }
                boolean inflecting = INFLECTING.contains(item.language());
                String expected = byLanguage.getOrDefault(item.language(), List.of()).stream()
                        .filter(l -> cluster.forms().stream().anyMatch(f -> inflecting
                                ? SurfaceForms.match(SurfaceForms.normalise(l.name()), f)
                                : SurfaceForms.normalise(l.name()).equals(f)))
                        .map(Listed::ref).findFirst().orElse(null);
                if (expected == null) {
                    continue;
                }
                tally.judged++;
                if (expected.equals(found.ref())) {
                    tally.right++;
                } else if (found.ref() != null) {
                    tally.wrong++;
                    if (tally.wrongExamples.size() < 10) {
                        tally.wrongExamples.add(item.language() + " " + cluster.forms().get(0) + " → " + found.ref()
                                + " (listed " + expected + ")");
                    }
                }
            }
        }
        return tally;
    }
}
