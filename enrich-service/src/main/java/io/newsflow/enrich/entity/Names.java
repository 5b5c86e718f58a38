package io.newsflow.enrich.entity;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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

    /**
     * Nouns that, alone, name an institution: CoreNLP sometimes tags only the head of "Institut pour l'étude de la
     * guerre", and a lone "Institut" or "Centre" is then an organisation, not a place.
     */
    private static final Set<String> INSTITUTION_HEADS = Set.of(
            "institut", "institute", "instituto", "istituto", "centre", "center", "centro", "zentrum", "fondation",
            "foundation", "fundación", "fondazione", "stiftung", "université", "university", "universidad",
            "università", "universität", "agence", "agency", "agencia", "agenzia", "agentur", "ministère", "ministry",
            "ministerio", "ministero", "ministerium", "commission", "comisión", "commissione", "kommission");

    /**
     * Job titles written in lower case before what they are about ("ministre russe de la Défense", "secretary of
     * state"): a phrase that starts with one names a post, not an entity, unless it names a person.
     */
    private static final Set<String> TITLES = Set.of(
            "ministre", "minister", "ministro", "président", "présidente", "president", "presidente",
            "presidenta", "secrétaire", "secretary", "secretario", "secretaria", "segretario", "chancelier",
            "chancellor", "canciller", "cancelliere", "porte-parole", "spokesman", "spokeswoman", "portavoz",
            "directeur", "directrice", "director", "directora", "direttore", "chef", "jefe", "capo", "général",
            "general", "gouverneur", "governor", "gobernador", "maire", "mayor", "alcalde", "sindaco");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DOUBLED_LETTER = Pattern.compile("(\\p{L})\\1");

    private Names() {
    }

    /** A lone word such as "Institut" or "Centre" that names an institution. */
    static boolean isInstitutionHead(String name) {
        return INSTITUTION_HEADS.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /** A lower-case job title such as "ministre" (written in lower case, as in running text). */
    static boolean isLowerCaseTitle(String word) {
        return word.equals(word.toLowerCase(Locale.ROOT)) && TITLES.contains(word);
    }

    /**
     * The word with the spelling differences of the usual romanisations of one name levelled: French "Loukachenko",
     * English "Lukashenko", German "Lukaschenko" give the same key, as do "Choïgou" and "Shoigu", "Poutine" and "Putin".
     * Accents go, then sch/tch/ch → sh, ou → u, kh → h, w → v, ph → f, y and j → i, ts → z, doubled letters once, and
     * a final e.
     */
    static String romanisationKey(String word) {
        String key = COMBINING_MARKS.matcher(Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
        key = key.replace("sch", "sh").replace("tch", "sh").replace("ch", "sh").replace("ou", "u").replace("kh", "h")
                .replace('w', 'v').replace("ph", "f").replace('y', 'i').replace('j', 'i').replace("ts", "z");
        key = DOUBLED_LETTER.matcher(key).replaceAll("$1");
        return key.length() > 4 && key.endsWith("e") ? key.substring(0, key.length() - 1) : key;
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

    /**
     * The same surname as romanised in two languages ("Loukachenko" quoted in English as "Lukashenko"): long words
     * only, so that short names never meet by accident.
     */
    static boolean sameRomanisedWord(String a, String b) {
        return a.length() >= 5 && b.length() >= 5 && romanisationKey(a).equals(romanisationKey(b));
    }

    /** The same surname, inflected ({@link #sameWord}) or romanised differently ({@link #sameRomanisedWord}). */
    static boolean sameSurname(String a, String b, boolean inflecting) {
        return sameWord(a, b, inflecting) || sameRomanisedWord(a, b);
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
