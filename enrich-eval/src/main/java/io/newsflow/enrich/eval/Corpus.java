package io.newsflow.enrich.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the evaluation files of a directory, in the two formats the project knows:
 *
 * <ul>
 * <li>JSON lines, one text per line: {@code {"id", "lang", "title", "body", "entities": {"PER": [...], "ORG": [...],
 * "LOC": [...]}, "topics": ["04000000"]}}; a file whose name starts with {@code ner_} is gold for entities, {@code
 * topics_} for topics, {@code langid_} for the language only (the format of the public development sets);</li>
 * <li>the project's own sets: {@code langid-*.tsv} ({@code lang TAB text}), {@code ner/<lang>.txt} (title, blank line,
 * body) with {@code ner/<lang>.gold.tsv} ({@code TYPE TAB name}, {@code ORG|LOC} for either, or {@code english name TAB
 * TYPE TAB stem} for inflecting languages), and {@code topics-paragraphs.gold.tsv} ({@code line TAB lang TAB
 * medtop:code}, the topic of each line of {@code langid-paragraphs.tsv}).</li>
 * </ul>
 *
 * A malformed line stops the evaluation, naming the file and line: a score over half a file would mislead.
 */
final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("PER", "ORG", "LOC");

    private Corpus() {
    }

    /** Every item of every evaluation file in {@code dir}, file by file in name order. */
    static List<EvalItem> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        List<EvalItem> items = new ArrayList<>();
        for (Path file : list(dir)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".jsonl")) {
                items.addAll(jsonLines(file));
            } else if (name.startsWith("langid-") && name.endsWith(".tsv")) {
                items.addAll(languageLines(file));
            }
        }
        Path topics = dir.resolve("topics-paragraphs.gold.tsv");
        if (Files.isRegularFile(topics)) {
            items.addAll(paragraphTopics(topics, dir.resolve("langid-paragraphs.tsv")));
        }
        Path ner = dir.resolve("ner");
        if (Files.isDirectory(ner)) {
            for (Path gold : list(ner)) {
                String name = gold.getFileName().toString();
                if (name.endsWith(".gold.tsv")) {
                    String language = name.substring(0, name.length() - ".gold.tsv".length());
                    items.add(ownArticle(ner.resolve(language + ".txt"), gold, language));
                }
            }
        }
        return items;
    }

    private static List<EvalItem> jsonLines(Path file) {
        String name = file.getFileName().toString();
        EvalItem.Task task = name.startsWith("ner_") ? EvalItem.Task.ENTITIES
                : name.startsWith("topics_") ? EvalItem.Task.TOPICS
                : EvalItem.Task.LANGUAGE;
        List<EvalItem> items = new ArrayList<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(lines.get(i));
                List<GoldCluster> clusters = task == EvalItem.Task.ENTITIES ? clusters(record.path("entities"))
                        : List.of();
                JsonNode topics = record.path("topics");
                String topic = task == EvalItem.Task.TOPICS && topics.size() > 0 ? topics.get(0).asText() : null;
                if (task == EvalItem.Task.TOPICS && topic == null) {
                    throw new IllegalArgumentException("a topic item without a topic");
                }
                items.add(new EvalItem(name, required(record, "id"), required(record, "lang"),
                        required(record, "title"), record.path("body").asText(""), task, clusters, topic));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    /**
     * The gold strings of each type, grouped into clusters of forms that match one another ("Asię Bibi", "Asii
     * Bibi"), each cluster counted once.
     */
    static List<GoldCluster> clusters(JsonNode entities) {
        List<GoldCluster> clusters = new ArrayList<>();
        for (String type : TYPES) {
            List<List<String>> groups = new ArrayList<>();
            for (JsonNode value : entities.path(type)) {
                String form = SurfaceForms.normalise(value.asText());
                if (form.isEmpty()) {
                    continue;
                }
                groups.stream().filter(g -> g.stream().anyMatch(f -> SurfaceForms.match(f, form))).findFirst()
                        .ifPresentOrElse(g -> {
                            if (!g.contains(form)) {
                                g.add(form);
                            }
                        }, () -> groups.add(new ArrayList<>(List.of(form))));
            }
            groups.forEach(g -> clusters.add(new GoldCluster(Set.of(type), g, GoldCluster.Rule.SURFACE)));
        }
        return clusters;
    }

    private static List<EvalItem> languageLines(Path file) {
        String name = file.getFileName().toString();
        List<EvalItem> items = new ArrayList<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = tsv(file, lines, i, 2);
            if (fields != null) {
                items.add(new EvalItem(name, name + ":" + (i + 1), fields[0], fields[1], "", EvalItem.Task.LANGUAGE,
                        List.of(), null));
            }
        }
        return items;
    }

    private static List<EvalItem> paragraphTopics(Path gold, Path paragraphs) {
        List<String> texts = read(paragraphs);
        List<String> lines = read(gold);
        List<EvalItem> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = tsv(gold, lines, i, 3);
            if (fields == null) {
                continue;
            }
            int line = Integer.parseInt(fields[0]);
            String[] paragraph = texts.get(line - 1).split("\t", 2);
            if (!paragraph[0].equals(fields[1])) {
                throw new IllegalArgumentException(gold + " line " + (i + 1) + ": line " + line + " of " + paragraphs
                        + " is in " + paragraph[0] + ", not " + fields[1]);
            }
            items.add(new EvalItem(gold.getFileName().toString(), "paragraph-" + line, fields[1], paragraph[1], "",
                    EvalItem.Task.TOPICS, List.of(), fields[2].replace("medtop:", "")));
        }
        return items;
    }

    private static EvalItem ownArticle(Path text, Path gold, String language) {
        List<String> lines = read(text);
        String title = lines.get(0);
        String body = String.join("\n", lines.subList(Math.min(2, lines.size()), lines.size())).strip();
        List<GoldCluster> clusters = new ArrayList<>();
        List<String> goldLines = read(gold);
        for (int i = 0; i < goldLines.size(); i++) {
            String line = goldLines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length == 2) {
                clusters.add(new GoldCluster(Set.of(fields[0].split("\\|")),
                        List.of(SurfaceForms.normalise(fields[1])), GoldCluster.Rule.CONTAINS));
            } else if (fields.length == 3) {
                clusters.add(new GoldCluster(Set.of(fields[1].split("\\|")),
                        List.of(SurfaceForms.normalise(fields[2])), GoldCluster.Rule.STEM));
            } else {
                throw new IllegalArgumentException(gold + " line " + (i + 1) + ": expected 2 or 3 fields: " + line);
            }
        }
        return new EvalItem("ner/" + language, "ner/" + language, language, title, body, EvalItem.Task.ENTITIES,
                clusters, null);
    }

    private static String[] tsv(Path file, List<String> lines, int index, int fields) {
        String line = lines.get(index);
        if (line.isBlank() || line.startsWith("#")) {
            return null;
        }
        String[] values = line.split("\t", fields);
        if (values.length != fields) {
            throw new IllegalArgumentException(file + " line " + (index + 1) + ": expected " + fields
                    + " tab-separated fields: " + line);
        }
        return values;
    }

    private static String required(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return value.asText();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
