package io.newsflow.devstack.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The options of {@code newsflow bench}.
 *
 * @param engineSample how many articles of the corpus enrich-service's engines run alone
 */
public record BenchOptions(int articles, OptionalDouble rate, boolean noNlp, List<String> languages, int batch,
        long seed, int words, int engineSample, Duration timeout) {

    public static final String USAGE = """
              bench [OPTIONS]  start the stack on a fresh database, measure enrich-service's engines alone, send a
                           generated corpus through POST /articles and report throughput, latency and resources
                           (a table, then one JSON line last on stdout)
                  --articles N     articles to send (10000)
                  --rate R         articles per second offered (default: as fast as ingest accepts them)
                  --no-nlp         enrich-service detects the language only (NEWSFLOW_ENRICH_MODE=language-only)
                  --lang L,L,...   languages of the corpus, taking turns (%s)
                  --batch B        articles per POST /articles request (100)
                  --seed S         corpus seed (1): the same seed gives the same corpus
                  --words W        words per article, about (600)
                  --engine-sample N  articles the engines run alone (min(articles, 200))
                  --timeout S      seconds to wait for every article to be stored (1800)
            """.formatted(String.join(",", LanguagePacks.codes()));

    public static BenchOptions parse(List<String> args) {
        int articles = 10_000;
        OptionalDouble rate = OptionalDouble.empty();
        boolean noNlp = false;
        List<String> languages = LanguagePacks.codes();
        int batch = 100;
        long seed = 1;
        int words = CorpusGenerator.DEFAULT_WORDS;
        Integer engineSample = null;
        long timeout = 1800;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--no-nlp")) {
                noNlp = true;
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--articles" -> articles = positive(name, value);
                case "--rate" -> rate = OptionalDouble.of(positiveDecimal(name, value));
                case "--lang" -> languages = Arrays.stream(value.split(",")).map(String::trim)
                        .filter(code -> !code.isEmpty()).peek(LanguagePacks::get).distinct().toList();
                case "--batch" -> batch = positive(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--words" -> words = positive(name, value);
                case "--engine-sample" -> engineSample = positive(name, value);
                case "--timeout" -> timeout = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("--lang needs at least one language");
        }
        if (batch > 10_000) {
            throw new IllegalArgumentException("--batch is at most 10000 (ingest's limit per request)");
        }
        return new BenchOptions(articles, rate, noNlp, languages, batch, seed, words,
                engineSample == null ? Math.min(articles, 200) : engineSample, Duration.ofSeconds(timeout));
    }

    public String mode() {
        return noNlp ? "no-nlp" : "full";
    }

    private static int positive(String name, String value) {
        long parsed = parseLong(name, value);
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
        }
        return (int) parsed;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static double positiveDecimal(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(name + " must be a positive number, not '" + value + "'");
    }
}
