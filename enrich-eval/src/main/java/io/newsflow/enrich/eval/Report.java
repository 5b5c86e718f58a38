package io.newsflow.enrich.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The evaluation's figures as text tables and as one JSON object. */
final class Report {

    private static final int TOP_ERRORS = 10;
    private static final int TOP_ERRORS_PER_LANGUAGE = 5;

    private Report() {
    }

    static String text(String title, Evaluation evaluation) {
        StringBuilder out = new StringBuilder();
        int texts = evaluation.results().size();
        out.append(String.format(Locale.ROOT, "%n== %s: %d texts in %.1f s (%.1f texts/s) ==%n", title, texts,
                evaluation.seconds(), texts / Math.max(evaluation.seconds(), 1e-9)));
        entities(out, evaluation);
        topics(out, evaluation);
        languages(out, evaluation);
        engines(out, evaluation);
        return out.toString();
    }

    private static void entities(StringBuilder out, Evaluation evaluation) {
        Map<String, Evaluation.Scores> files = only(evaluation.byFile(), s -> s.entities.texts() > 0);
        if (files.isEmpty()) {
            return;
        }
        out.append("\nEntities: type-aware, surface forms lenient on inflection; P / R / F1 and gold entities\n");
        String header = String.format(Locale.ROOT, "%-28s %-4s %5s  %-22s %-22s %-22s %-22s %s%n", "file", "lang",
                "texts", "all", "PER", "ORG", "LOC", "any type F1");
        out.append(header);
        files.forEach((file, scores) -> entityRow(out, file, language(evaluation, file), scores.entities));
        out.append("by language\n");
        only(evaluation.byLanguage(), s -> s.entities.texts() > 0)
                .forEach((language, scores) -> entityRow(out, "", language, scores.entities));

        EntityTally all = evaluation.all().entities;
        out.append(String.format(Locale.ROOT, "%nMost frequent entity errors (of %d texts)%n", all.texts()));
        all.errors().stream().limit(TOP_ERRORS).forEach(e -> out.append(String.format(Locale.ROOT,
                "  %5d  %-18s e.g. %s%n", e.getValue(), e.getKey(), String.join("; ", all.examples(e.getKey())))));
        out.append("by language\n");
        only(evaluation.byLanguage(), s -> s.entities.texts() > 0).forEach((language, scores) -> {
            StringBuilder kinds = new StringBuilder();
            scores.entities.errors().stream().limit(TOP_ERRORS_PER_LANGUAGE)
                    .forEach(e -> kinds.append(String.format(Locale.ROOT, "%s %d, ", e.getKey(), e.getValue())));
            out.append(String.format(Locale.ROOT, "  %-4s %s%n", language,
                    kinds.length() > 2 ? kinds.substring(0, kinds.length() - 2) : "none"));
        });
    }

    private static void entityRow(StringBuilder out, String file, String language, EntityTally tally) {
        out.append(String.format(Locale.ROOT, "%-28s %-4s %5d  %-22s %-22s %-22s %-22s %.3f%n", file, language,
                tally.texts(), prf(tally.total()), prf(tally.type("PER")), prf(tally.type("ORG")),
                prf(tally.type("LOC")), tally.agnostic().f1()));
    }

    private static String prf(Prf prf) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.3f %4d", prf.precision(), prf.recall(), prf.f1(), prf.gold());
    }

    private static void topics(StringBuilder out, Evaluation evaluation) {
        Map<String, Evaluation.Scores> files = only(evaluation.byFile(), s -> s.topics.texts() > 0);
        if (files.isEmpty()) {
            return;
        }
        out.append("\nTopics: the gold IPTC subject first (top-1), among the first two (top-2), anywhere (recall)\n");
        out.append(String.format(Locale.ROOT, "%-34s %-4s %5s %6s %6s %6s %6s %6s%n", "file", "lang", "texts",
                "top-1", "top-2", "recall", "codes", "none"));
        files.forEach((file, scores) -> topicRow(out, file, language(evaluation, file), scores.topics));
        out.append("by language\n");
        only(evaluation.byLanguage(), s -> s.topics.texts() > 0)
                .forEach((language, scores) -> topicRow(out, "", language, scores.topics));
        out.append("\nFirst subject given, by gold subject (all topic files)\n");
        evaluation.all().topics.confusion().forEach((gold, row) -> {
            StringBuilder cells = new StringBuilder();
            row.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> cells.append(e.getKey()).append(' ').append(e.getValue()).append(", "));
            out.append(String.format(Locale.ROOT, "  %s -> %s%n", gold, cells.substring(0, cells.length() - 2)));
        });
    }

    private static void topicRow(StringBuilder out, String file, String language, TopicTally tally) {
        out.append(String.format(Locale.ROOT, "%-34s %-4s %5d %6.3f %6.3f %6.3f %6.2f %6.3f%n", file, language,
                tally.texts(), tally.top1(), tally.top2(), tally.recall(), tally.meanCodes(), tally.noTopic()));
    }

    private static void languages(StringBuilder out, Evaluation evaluation) {
        out.append("\nLanguage: right answers, wrong answers, und\n");
        out.append(String.format(Locale.ROOT, "%-34s %-4s %5s %8s %6s %6s%n", "file", "lang", "texts", "accuracy",
                "wrong", "und"));
        evaluation.byFile().forEach((file, scores) -> languageRow(out, file, language(evaluation, file),
                scores.languages));
        out.append("by language\n");
        evaluation.byLanguage().forEach((language, scores) -> languageRow(out, "", language, scores.languages));
        LanguageTally all = evaluation.all().languages;
        out.append("Wrong answers (gold -> answer): ");
        StringBuilder wrong = new StringBuilder();
        all.confusion().forEach((gold, row) -> row.forEach(
                (answer, n) -> wrong.append(gold).append("->").append(answer).append(' ').append(n).append(", ")));
        out.append(wrong.length() > 2 ? wrong.substring(0, wrong.length() - 2) : "none").append('\n');
        out.append("\nReliability of language.confidence (answers that named a language)\n");
        out.append(String.format(Locale.ROOT, "  %-10s %7s %10s %9s%n", "confidence", "answers", "mean conf.",
                "accuracy"));
        for (int i = 0; i < LanguageTally.BUCKETS; i++) {
            if (all.bucketTexts(i) > 0) {
                out.append(String.format(Locale.ROOT, "  %.1f–%.1f   %7d %10.3f %9.3f%n", i / 10.0, (i + 1) / 10.0,
                        all.bucketTexts(i), all.bucketMeanConfidence(i), all.bucketAccuracy(i)));
            }
        }
        out.append(String.format(Locale.ROOT, "  expected calibration error %.3f%n", all.calibrationError()));
    }

    private static void languageRow(StringBuilder out, String file, String language, LanguageTally tally) {
        out.append(String.format(Locale.ROOT, "%-34s %-4s %5d %8.3f %6d %6.3f%n", file, language, tally.texts(),
                tally.accuracy(), tally.wrong(), tally.undeterminedRate()));
    }

    private static void engines(StringBuilder out, Evaluation evaluation) {
        out.append("\nTime in each engine, summed over all texts and threads\n");
        int texts = evaluation.results().size();
        evaluation.engineNanos().forEach((engine, nanos) -> out.append(String.format(Locale.ROOT,
                "  %-12s %9.1f s  %7.2f ms per text%n", engine, nanos / 1e9, nanos / 1e6 / texts)));
    }

    /** The figures as one JSON object, for scripts and for comparing runs. */
    static ObjectNode json(ObjectMapper mapper, String title, Evaluation evaluation) {
        ObjectNode root = mapper.createObjectNode();
        root.put("set", title);
        root.put("texts", evaluation.results().size());
        root.put("seconds", round(evaluation.seconds()));
        ObjectNode entities = root.putObject("entities");
        only(evaluation.byFile(), s -> s.entities.texts() > 0).forEach((file, s) -> entityJson(entities, file, s));
        ObjectNode entitiesByLanguage = root.putObject("entitiesByLanguage");
        only(evaluation.byLanguage(), s -> s.entities.texts() > 0)
                .forEach((language, s) -> entityJson(entitiesByLanguage, language, s));
        ObjectNode topics = root.putObject("topics");
        only(evaluation.byFile(), s -> s.topics.texts() > 0).forEach((file, s) -> topicJson(topics, file, s));
        ObjectNode topicsByLanguage = root.putObject("topicsByLanguage");
        only(evaluation.byLanguage(), s -> s.topics.texts() > 0)
                .forEach((language, s) -> topicJson(topicsByLanguage, language, s));
        ObjectNode languages = root.putObject("language");
        evaluation.byFile().forEach((file, s) -> {
            ObjectNode node = languages.putObject(file);
            node.put("texts", s.languages.texts());
            node.put("accuracy", round(s.languages.accuracy()));
            node.put("und", round(s.languages.undeterminedRate()));
        });
        root.put("calibrationError", round(evaluation.all().languages.calibrationError()));
        return root;
    }

    private static void entityJson(ObjectNode parent, String key, Evaluation.Scores scores) {
        ObjectNode node = parent.putObject(key);
        node.put("texts", scores.entities.texts());
        Prf total = scores.entities.total();
        node.put("precision", round(total.precision()));
        node.put("recall", round(total.recall()));
        node.put("f1", round(total.f1()));
        node.put("anyTypeF1", round(scores.entities.agnostic().f1()));
        for (String type : EntityTally.TYPES) {
            node.put(type, round(scores.entities.type(type).f1()));
        }
    }

    private static void topicJson(ObjectNode parent, String key, Evaluation.Scores scores) {
        ObjectNode node = parent.putObject(key);
        node.put("texts", scores.topics.texts());
        node.put("top1", round(scores.topics.top1()));
        node.put("top2", round(scores.topics.top2()));
        node.put("recall", round(scores.topics.recall()));
    }

    private static String language(Evaluation evaluation, String file) {
        return evaluation.results().stream().filter(r -> r.item().file().equals(file))
                .map(r -> r.item().language()).distinct().reduce((a, b) -> a.equals(b) ? a : "mix").orElse("");
    }

    private static <V> Map<String, V> only(Map<String, V> map, Predicate<V> keep) {
        Map<String, V> kept = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (keep.test(v)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
