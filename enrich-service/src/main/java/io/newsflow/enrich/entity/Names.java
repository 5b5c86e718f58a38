package io.newsflow.enrich.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word-level rules about names shared by the recognisers: honorifics, pronouns, inflected forms. */
final class Names {

    /** Titles written before a name; they are not part of it ("M. Poutine" is Poutine). */
    private static final Set<String> HONORIFICS = Set.of(
            "m", "mm", "mme", "mmes", "mlle", "monsieur", "madame", "mr", "mrs", "ms", "mister", "sir", "dr", "prof",
            "herr", "frau", "sr", "sra", "srta", "señor", "señora", "don", "doña", "sig", "sig.ra", "signor", "signora",
            "dott", "pan", "pani", "г-н", "г-жа", "пан", "пані");

    /** Pronouns a statistical tagger sometimes labels PERSON ("he said"); a pronoun is never a name. */
    private static final Set<String> PRONOUNS = Set.of(
            "he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "i", "me", "we", "us",
            "you", "il", "elle", "lui", "eux", "ils", "elles", "on", "je", "nous", "vous", "er", "sie", "ihn", "ihm",
            "ihr", "es", "wir", "ich", "du", "él", "ella", "ellos", "ellas", "le", "lo", "la", "yo", "usted", "lei",
            "egli", "loro", "он", "она", "они", "его", "её", "ему", "ей", "им", "він", "вона", "вони", "його", "її",
            "йому");

    private Names() {
    }

    static List<String> words(String name) {
        return Arrays.stream(name.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    static boolean isHonorific(String word) {
        String bare = word.toLowerCase(Locale.ROOT);
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        return HONORIFICS.contains(bare);
    }

    /** A pronoun as written in running text or at the start of a sentence; "US" in capitals is no pronoun. */
    static boolean isPronoun(String name) {
        String word = name.strip();
        String lower = word.toLowerCase(Locale.ROOT);
        if (!PRONOUNS.contains(lower)) {
            return false;
        }
        return word.equals(lower) || word.length() == 1
                || word.substring(1).equals(lower.substring(1));
    }

    /** Names start with a capital letter in every language served here; "his" or "président" is no name. */
    static boolean hasCapital(String name) {
        return name.codePoints().anyMatch(Character::isUpperCase);
    }

    /**
     * Same word, allowing for case and, in an inflecting language, a different ending of up to three letters
     * (Путин and Путина, Лукашенка and Лукашенком).
     */
    static boolean sameWord(String a, String b, boolean inflecting) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        if (x.equals(y)) {
            return true;
        }
        if (!inflecting) {
            return false;
        }
        int common = 0;
        while (common < x.length() && common < y.length() && x.charAt(common) == y.charAt(common)) {
            common++;
        }
        return common >= 4 && Math.max(x.length(), y.length()) - common <= 3;
    }

    static boolean sameName(List<String> a, List<String> b, boolean inflecting) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameWord(a.get(i), b.get(i), inflecting)) {
                return false;
            }
        }
        return true;
    }
}
