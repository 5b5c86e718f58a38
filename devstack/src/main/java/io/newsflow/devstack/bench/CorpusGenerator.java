package io.newsflow.devstack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark corpus: news-like articles written from {@link LanguagePacks}, the same for the same seed, languages
 * and length on every machine. Each article has its own cast (people, organisations, places) that recurs through its
 * paragraphs, as in real reporting, so entity recognition and mention counting do their real work. Languages take
 * turns, so any prefix of the corpus has the requested mix; every title is unique, so every article gets its own id.
 */
public final class CorpusGenerator {

    public static final int DEFAULT_WORDS = 600;

    private static final Pattern SLOT = Pattern.compile("\\{(person2?|surname|org2?|place2?|number|day)}");
    private static final Instant EPOCH = Instant.parse("2026-01-05T06:00:00Z");
    private static final int TITLE_ATTEMPTS = 50;

    private final long seed;
    private final List<LanguagePack> languages;
    private final int wordsPerArticle;

    public CorpusGenerator(long seed, List<String> languages, int wordsPerArticle) {
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("the corpus needs at least one language");
        }
        if (wordsPerArticle < 50) {
            throw new IllegalArgumentException("articles need at least 50 words, not " + wordsPerArticle);
        }
        this.seed = seed;
        this.languages = languages.stream().map(LanguagePacks::get).toList();
        this.wordsPerArticle = wordsPerArticle;
    }

    public List<BenchArticle> generate(int count) {
        Random random = new Random(seed);
        Set<String> titles = new HashSet<>();
        List<BenchArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LanguagePack pack = languages.get(i % languages.size());
            Cast cast = Cast.draw(pack, random);
            String title = uniqueTitle(pack, cast, random, titles, i);
            int target = (int) Math.round(wordsPerArticle * (0.85 + 0.3 * random.nextDouble()));
            String body = body(pack, cast, random, target - BenchArticle.countWords(title));
            List<String> authors = random.nextInt(3) == 0
                    ? List.of(Cast.person(pack, random), Cast.person(pack, random))
                    : List.of(Cast.person(pack, random));
            Instant published = EPOCH.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            articles.add(new BenchArticle(pack.code(), title, body, authors, published));
        }
        return articles;
    }

    private static String uniqueTitle(LanguagePack pack, Cast cast, Random random, Set<String> titles, int index) {
        for (int attempt = 0; attempt < TITLE_ATTEMPTS; attempt++) {
            String title = fill(pick(pack.headlines(), random), pack, cast, random);
            if (titles.add(title)) {
                return title;
            }
        }
        // Only a corpus far larger than the headline space gets here; a running number keeps ids distinct.
        String title = fill(pick(pack.headlines(), random), pack, cast, random) + " (" + (index + 1) + ")";
        titles.add(title);
        return title;
    }

    private static String body(LanguagePack pack, Cast cast, Random random, int targetWords) {
        StringBuilder body = new StringBuilder();
        int words = 0;
        int previous = -1;
        while (words < targetWords) {
            if (!body.isEmpty()) {
                body.append("\n\n");
            }
            int sentences = 3 + random.nextInt(4);
            for (int s = 0; s < sentences && words < targetWords; s++) {
                int n = pack.sentences().size();
                int template = previous < 0 ? random.nextInt(n) : random.nextInt(n - 1);
                // Never the same sentence twice in a row: the draw skips over the previous one.
                if (previous >= 0 && template >= previous) {
                    template++;
                }
                previous = template;
                String sentence = fill(pack.sentences().get(template), pack, cast, random);
                if (s > 0) {
                    body.append(' ');
                }
                body.append(sentence);
                words += BenchArticle.countWords(sentence);
            }
        }
        return body.toString();
    }

    private static String fill(String template, LanguagePack pack, Cast cast, Random random) {
        Matcher slot = SLOT.matcher(template);
        StringBuilder filled = new StringBuilder();
        int lead = random.nextInt(cast.people().size());
        while (slot.find()) {
            String value = switch (slot.group(1)) {
                case "person" -> cast.people().get(lead).full();
                case "surname" -> cast.people().get(lead).last();
                case "person2" -> cast.people().get((lead + 1 + random.nextInt(cast.people().size() - 1))
                        % cast.people().size()).full();
                case "org" -> cast.organisations().get(0);
                case "org2" -> cast.organisations().get(1 + random.nextInt(cast.organisations().size() - 1));
                case "place" -> cast.places().get(0);
                case "place2" -> cast.places().get(1 + random.nextInt(cast.places().size() - 1));
                case "number" -> Integer.toString(2 + random.nextInt(948));
                default -> pick(pack.days(), random);
            };
            slot.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        slot.appendTail(filled);
        String text = filled.toString();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static <T> T pick(List<T> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    private record Person(String first, String last) {
        String full() {
            return first + " " + last;
        }
    }

    /** The people, organisations and places one article is about; the first organisation and place lead. */
    private record Cast(List<Person> people, List<String> organisations, List<String> places) {

        static Cast draw(LanguagePack pack, Random random) {
            List<Person> people = new ArrayList<>();
            while (people.size() < 4) {
                Person person = new Person(pick(pack.firstNames(), random), pick(pack.lastNames(), random));
                if (people.stream().noneMatch(p -> p.last().equals(person.last()))) {
                    people.add(person);
                }
            }
            return new Cast(people, distinct(pack.organisations(), 3, random), distinct(pack.places(), 3, random));
        }

        static String person(LanguagePack pack, Random random) {
            return pick(pack.firstNames(), random) + " " + pick(pack.lastNames(), random);
        }

        private static List<String> distinct(List<String> from, int n, Random random) {
            List<String> chosen = new ArrayList<>();
            while (chosen.size() < n) {
                String next = pick(from, random);
                if (!chosen.contains(next)) {
                    chosen.add(next);
                }
            }
            return chosen;
        }
    }
}
