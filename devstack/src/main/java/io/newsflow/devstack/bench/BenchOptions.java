package io.newsflow.devstack.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The options of {@code newsflow bench}.
 *
 * @param engineSample how many articles of the corpus enrich-service's engines run alone
 * @param warmUp       how many articles, besides the corpus, go through the whole pipeline untimed first
 */
public record BenchOptions(int articles, OptionalDouble rate, boolean noNlp, List<String> languages, int batch,
        long seed, int words, int engineSample, int warmUp, Duration timeout) {

    /** Articles per request when they are sent as fast as ingest accepts them. */
    public static final int DEFAULT_BATCH = 100;
    /**
     * With a rate, batches leave this often per second: a batch of 100 every few seconds would reach enrich-service
     * as a burst and measure the queue of that burst instead of the pipeline's latency at that rate.
     */
    static final int BATCHES_PER_SECOND = 10;

    public static final String USAGE = """
              bench [OPTIONS]  start the stack on a fresh database, measure enrich-service's engines alone, send a
                           generated corpus through POST /articles and report throughput, latency and resources
                           (a table, then one JSON line last on stdout)
                  --articles N     articles to send (10000)
                  --rate R         articles per second offered (default: as fast as ingest accepts them)
                  --no-nlp         enrich-service detects the language only (NEWSFLOW_ENRICH_MODE=language-only)
                  --lang L,L,...   languages of the corpus, taking turns (%s)
                  --batch B        articles per POST /articles request (100; with --rate, R/10 rounded up, at
                                   most 100, so that a batch leaves every tenth of a second)
                  --seed S         corpus seed (1): the same seed gives the same corpus
                  --words W        words per article, about (600)
                  --warmup N       articles sent through the whole pipeline, untimed, before the measured ones
                                   (min(articles, 200); 0: none)
                  --engine-sample N  articles the engines run alone, after the pipeline (min(articles, 200))
                  --timeout S      seconds to wait for every article to be stored (1800)
            """.formatted(String.join(",", LanguagePacks.codes()));

    public static BenchOptions parse(List<String> args) {
        int articles = 10_000;
        OptionalDouble rate = OptionalDouble.empty();
        boolean noNlp = false;
        List<String> languages = LanguagePacks.codes();
        Integer batch = null;
        long seed = 1;
        int words = CorpusGenerator.DEFAULT_WORDS;
        Integer engineSample = null;
        Integer warmUp = null;
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
                case "--warmup" -> warmUp = notNegative(name, value);
                case "--timeout" -> timeout = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("--lang needs at least one language");
        }
        if (batch == null) {
            batch = rate.isPresent()
                    ? (int) Math.max(1, Math.min(DEFAULT_BATCH, Math.ceil(rate.getAsDouble() / BATCHES_PER_SECOND)))
                    : DEFAULT_BATCH;
        }
        if (batch > 10_000) {
            throw new IllegalArgumentException("--batch is at most 10000 (ingest's limit per request)");
        }
        return new BenchOptions(articles, rate, noNlp, languages, batch, seed, words,
                engineSample == null ? Math.min(articles, 200) : engineSample,
                warmUp == null ? Math.min(articles, 200) : warmUp, Duration.ofSeconds(timeout));
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

    private static int notNegative(String name, String value) {
        long parsed = parseLong(name, value);
        if (parsed < 0 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a whole number, 0 or more, not '" + value + "'");
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
