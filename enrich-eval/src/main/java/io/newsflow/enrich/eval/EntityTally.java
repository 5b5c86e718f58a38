package io.newsflow.enrich.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

/**
 * Entity scores of a set of texts, by type and type-agnostic, and the kinds of error behind them. Per text, each gold
 * cluster counts once: found when a predicted string of one of its types matches one of its forms; each distinct
 * predicted person, organisation or place string that matches no gold cluster of its type is a false positive (MISC
 * is not scored: the gold sets list people, organisations and places only). Error kinds, from the gold side: a
 * cluster missed outright ({@code missed PER}), found only under another type ({@code PER as ORG}, MISC included), or
 * only by a string that covers more or less of it ({@code wrong span PER}); from the predicted side: a string related to
 * no gold entity at all ({@code spurious ORG}).
 */
final class EntityTally {

    static final List<String> TYPES = List.of("PER", "ORG", "LOC");
    private static final int EXAMPLES = 4;

    private final Map<String, Prf> byType = new LinkedHashMap<>();
    private Prf agnostic = new Prf(0, 0, 0);
    private final Map<String, Integer> errors = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();
    private int texts;

    EntityTally() {
        TYPES.forEach(t -> byType.put(t, new Prf(0, 0, 0)));
    }

    static String code(EntityType type) {
        return switch (type) {
            case PERSON -> "PER";
            case ORGANIZATION -> "ORG";
            case LOCATION -> "LOC";
            case MISC -> "MISC";
        };
    }

    void add(EvalItem item, List<Entity> entities) {
        texts++;
        record Predicted(String form, String type) {
        }
        Set<Predicted> predicted = new LinkedHashSet<>();
        for (Entity entity : entities) {
            for (String surface : entity.surfaceForms()) {
                String form = SurfaceForms.normalise(surface);
                if (!form.isEmpty()) {
                    predicted.add(new Predicted(form, code(entity.type())));
                }
            }
        }
        List<Predicted> scored = predicted.stream().filter(p -> !p.type().equals("MISC")).toList();

        for (GoldCluster cluster : item.entities()) {
            String type = cluster.types().stream().sorted(java.util.Comparator.comparingInt(TYPES::indexOf)).findFirst().orElseThrow();
            Predicted hit = scored.stream()
                    .filter(p -> cluster.types().contains(p.type()) && cluster.matches(p.form()))
                    .findFirst().orElse(null);
            if (hit != null) {
                count(hit.type(), new Prf(1, 1, 0));
            } else {
                count(type, new Prf(1, 0, 0));
                Predicted otherType = predicted.stream().filter(p -> cluster.matches(p.form())).findFirst()
                        .orElse(null);
                Predicted span = predicted.stream().filter(p -> cluster.overlaps(p.form())).findFirst().orElse(null);
                if (otherType != null) {
                    error(type + " as " + otherType.type(), cluster.forms().get(0));
                } else if (span != null) {
                    error("wrong span " + type, cluster.forms().get(0) + " ~ " + span.form() + " (" + span.type()
                            + ")");
                } else {
                    error("missed " + type, cluster.forms().get(0));
                }
            }
            agnostic = agnostic.plus(new Prf(1, scored.stream().anyMatch(p -> cluster.matches(p.form())) ? 1 : 0, 0));
        }
        for (Predicted p : scored) {
            boolean right = item.entities().stream()
                    .anyMatch(c -> c.types().contains(p.type()) && c.matches(p.form()));
            if (!right) {
                count(p.type(), new Prf(0, 0, 1));
                boolean related = item.entities().stream().anyMatch(c -> c.matches(p.form()) || c.overlaps(p.form()));
                if (!related) {
                    error("spurious " + p.type(), p.form());
                }
            }
            if (item.entities().stream().noneMatch(c -> c.matches(p.form()))) {
                agnostic = agnostic.plus(new Prf(0, 0, 1));
            }
        }
    }

    void addAll(EntityTally other) {
        texts += other.texts;
        other.byType.forEach(this::count);
        agnostic = agnostic.plus(other.agnostic);
        other.errors.forEach((kind, n) -> errors.merge(kind, n, Integer::sum));
        other.examples.forEach((kind, list) -> list.forEach(e -> example(kind, e)));
    }

    int texts() {
        return texts;
    }

    Prf type(String type) {
        return byType.get(type);
    }

    Prf total() {
        return byType.values().stream().reduce(new Prf(0, 0, 0), Prf::plus);
    }

    Prf agnostic() {
        return agnostic;
    }

    /** Error kinds, most frequent first. */
    List<Map.Entry<String, Integer>> errors() {
        List<Map.Entry<String, Integer>> list = new ArrayList<>(errors.entrySet());
        list.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return list;
    }

    List<String> examples(String kind) {
        return examples.getOrDefault(kind, List.of());
    }

    private void count(String type, Prf prf) {
        byType.merge(type, prf, Prf::plus);
    }

    private void error(String kind, String example) {
        errors.merge(kind, 1, Integer::sum);
        example(kind, example);
    }

    private void example(String kind, String example) {
        List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(example);
        }
    }
}
