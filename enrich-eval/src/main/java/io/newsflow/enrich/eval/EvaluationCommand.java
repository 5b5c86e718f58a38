package io.newsflow.enrich.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./newsflow eval [--threads N] [--json FILE] [DIR ...]}: enriches every text of the evaluation files in each
 * directory with enrich-service's engines as shipped, and prints per file and per language the entity precision,
 * recall and F1 by type, the topics' top-1 and top-2, the language accuracy and {@code und} rate with a reliability
 * table, and the most frequent kinds of entity error; then, as the last line, every figure as one JSON object. Progress
 * goes to stderr. Exit 0 when every directory was evaluated, 2 on a usage error or an unreadable file.
 */
public final class EvaluationCommand {

    private EvaluationCommand() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int threads = Runtime.getRuntime().availableProcessors();
        Path json = null;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, "--threads"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "-h", "--help" -> {
                    out.println(usage());
                    return;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        fail(err, "unknown option " + args[i]);
                    }
                    dirs.add(Path.of(args[i]));
                }
            }
        }
        if (dirs.isEmpty()) {
            fail(err, "no directory to evaluate");
        }
        if (threads < 1) {
            fail(err, "--threads must be at least 1");
        }
        List<List<EvalItem>> sets = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                sets.add(Corpus.load(dir));
            } catch (RuntimeException e) {
                fail(err, e.getMessage());
            }
            err.printf(Locale.ROOT, "eval: %s: %d texts%n", dir, sets.get(sets.size() - 1).size());
        }

        err.println("eval: loading the engines as enrich-service ships them");
        long start = System.nanoTime();
        ShippedPipeline shipped = ShippedPipeline.load("eval");
        err.printf(Locale.ROOT, "eval: engines loaded in %.1f s (CoreNLP for %s), enriching on %d threads%n",
                (System.nanoTime() - start) / 1e9, shipped.settings().entities().corenlpLanguages(), threads);

        ObjectMapper mapper = new ObjectMapper();
        ObjectNode summary = mapper.createObjectNode();
        summary.put("corenlpLanguages", String.join(",", shipped.settings().entities().corenlpLanguages()));
        ArrayNode results = summary.putArray("sets");
        for (int i = 0; i < dirs.size(); i++) {
            Evaluation evaluation = Evaluation.run(sets.get(i), shipped.pipeline(), threads, err);
            out.print(Report.text(dirs.get(i).toString(), evaluation));
            results.add(Report.json(mapper, dirs.get(i).toString(), evaluation));
        }
        String line = mapper.writeValueAsString(summary);
        if (json != null) {
            Files.writeString(json, line + "\n", StandardCharsets.UTF_8);
        }
        out.println();
        out.println(line);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String usage() {
        return """
                usage: newsflow eval [--threads N] [--json FILE] [DIR ...]
                  DIR          a directory of evaluation files (JSON lines ner_*/topics_*/langid_*.jsonl, or the
                               project's own langid-*.tsv, ner/<lang>.txt with ner/<lang>.gold.tsv,
                               topics-paragraphs.gold.tsv); default: ../shared/eval/public and
                               enrich-service/src/test/resources/eval
                  --threads N  enrichment threads (default: the available processors)
                  --json FILE  also write the last line's JSON to FILE
                newsflow eval --calibrate-language
                               fit the language confidence's calibration on the project's own texts
                Settings of enrich-service apply as environment variables, e.g.
                NEWSFLOW_ENRICH_ENTITIES_CORENLP_LANGUAGES=en,fr,de,es,it""";
    }

    private static void fail(PrintStream err, String message) {
        err.println("eval: " + message);
        err.println(usage());
        System.exit(2);
    }
}
