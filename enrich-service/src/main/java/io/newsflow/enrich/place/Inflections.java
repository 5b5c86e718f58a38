package io.newsflow.enrich.place;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dictionary forms an inflected place name may come from: Москве → Москва, Києві → Київ, Warszawie → Warszawa,
 * Krakowie → Kraków, Polsce → Polska, Berlins → Berlin. GeoNames lists names in the nominative only, and a stemmer
 * would cut the dictionary form too ("Москва" → "москв"), so the ending is swapped for each nominative ending of the
 * language rather than cut from both sides. Hand-written because the Lucene stemmers of these languages do not
 * restore a nominative, and a morphological dictionary for every language would weigh more than the place index.
 *
 * <p>Bases come longest first; the caller keeps the first that names a place. At most {@value #MAX_ENDING} letters
 * are replaced and the stem keeps at least {@value #MIN_STEM}, so a name yields a few dozen keys at most.
 */
final class Inflections {

    static final int MAX_ENDING = 3;
    static final int MIN_STEM = 3;

    private static final Set<String> SLAVIC = Set.of("ru", "uk", "be", "pl", "cs", "sk", "hr", "sr", "sl", "bg");
    private static final List<String> CYRILLIC_ENDINGS = List.of("", "а", "я", "ь", "й", "о", "е", "ы", "и");
    private static final List<String> LATIN_ENDINGS = List.of("", "a", "o", "e", "y", "i");
    /** Vowels that alternate in a closed final syllable: Київ / Києва, Львів / Львова, Kraków / Krakowa. */
    private static final Map<String, Map<Character, Character>> ALTERNATIONS = Map.of(
            "uk", Map.of('о', 'і', 'е', 'і', 'є', 'ї'),
            "pl", Map.of('o', 'ó', 'ę', 'ą'));
    /** Polish consonants softened before -e: Polsce / Polska, Pradze / Praga, Ameryce / Ameryka. */
    private static final Map<String, String> POLISH_SOFTENING = Map.of("c", "k", "dz", "g", "rz", "r", "ł", "ł");

    private Inflections() {
    }

    /** Possible dictionary forms of {@code key} (already normalised) in {@code language}, longest base first. */
    static Set<String> bases(String key, String language) {
        Set<String> bases = new LinkedHashSet<>();
        if (key.indexOf(' ') >= 0) {
            return bases;
        }
        if (language.equals("de") || language.equals("nl") || language.equals("sv")) {
            if (key.endsWith("s") && key.length() > MIN_STEM + 1) {
                bases.add(key.substring(0, key.length() - 1));
            }
            return bases;
        }
        if (!SLAVIC.contains(language)) {
            return bases;
        }
        boolean cyrillic = Character.UnicodeBlock.of(key.charAt(0)) == Character.UnicodeBlock.CYRILLIC;
        List<String> endings = cyrillic ? CYRILLIC_ENDINGS : LATIN_ENDINGS;
        Map<Character, Character> alternation = ALTERNATIONS.getOrDefault(language, Map.of());
        for (int cut = 1; cut <= MAX_ENDING && key.length() - cut >= MIN_STEM; cut++) {
            String stem = key.substring(0, key.length() - cut);
            for (String ending : endings) {
                bases.add(stem + ending);
            }
            String alternated = alternate(stem, alternation);
            if (alternated != null) {
                bases.add(alternated);
                for (String ending : endings) {
                    bases.add(alternated + ending);
                }
            }
            if (language.equals("pl")) {
                POLISH_SOFTENING.forEach((soft, hard) -> {
                    if (stem.endsWith(soft)) {
                        bases.add(stem.substring(0, stem.length() - soft.length()) + hard + "a");
                    }
                });
            }
        }
        bases.remove(key);
        return bases;
    }

    /** The stem with the vowel of its last syllable alternated, or null when it has none that alternates. */
    private static String alternate(String stem, Map<Character, Character> alternation) {
        for (int i = stem.length() - 1; i >= Math.max(0, stem.length() - 3); i--) {
            Character other = alternation.get(stem.charAt(i));
            if (other != null) {
                return stem.substring(0, i) + other + stem.substring(i + 1);
            }
        }
        return null;
    }
}
