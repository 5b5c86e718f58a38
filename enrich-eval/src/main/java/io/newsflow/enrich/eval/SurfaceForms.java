package io.newsflow.enrich.eval;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a predicted entity string is compared with a gold one: surface forms, lenient on inflection. Both sides are
 * normalised (NFC, case folded, whitespace collapsed, quotes, apostrophes and dashes unified, punctuation stripped at
 * both ends); two strings match when they are then equal, or have the same number of words and every pair of words
 * shares a prefix of at least min(4, shorter − 1) characters (and at least 2) with at most 3 characters after it in
 * either word. "Газпром" and "Газпрому", "Asię Bibi" and "Asii Bibi", "Deutschlands" and "Deutschland" match;
 * "Paris" and "Parma" do not. This is the scoring rule the public development sets recommend, so figures compare
 * with theirs.
 */
final class SurfaceForms {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

    private SurfaceForms() {
    }

    static String normalise(String form) {
        String text = Normalizer.normalize(form, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        text = text.replace('’', '\'').replace('‘', '\'').replace('ʼ', '\'').replace('`', '\'')
                .replace('«', '"').replace('»', '"').replace('„', '"').replace('“', '"').replace('”', '"')
                .replace('–', '-').replace('—', '-');
        text = SPACES.matcher(text).replaceAll(" ");
        return EDGE_PUNCTUATION.matcher(text).replaceAll("");
    }

    static List<String> words(String normalised) {
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }

    /** Whether two normalised forms name the same thing under the lenient rule. */
    static boolean match(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        List<String> x = words(a);
        List<String> y = words(b);
        if (x.size() != y.size() || x.isEmpty()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!sameWord(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int shorter = Math.min(a.codePointCount(0, a.length()), b.codePointCount(0, b.length()));
        int needed = Math.max(2, Math.min(4, shorter - 1));
        int common = commonPrefix(a, b);
        return common >= needed && a.codePointCount(0, a.length()) - common <= 3
                && b.codePointCount(0, b.length()) - common <= 3;
    }

    /**
     * Whether the words of one form run inside the other's (both normalised), each pair of words matching as above:
     * "banca d'italia" inside "governatore della banca d'italia". Used to tell a wrong span from a miss.
     */
    static boolean overlaps(String a, String b) {
        List<String> x = words(a);
        List<String> y = words(b);
        return contains(x, y) || contains(y, x);
    }

    private static boolean contains(List<String> outer, List<String> inner) {
        if (inner.isEmpty() || inner.size() > outer.size()) {
            return false;
        }
        for (int start = 0; start + inner.size() <= outer.size(); start++) {
            boolean all = true;
            for (int i = 0; i < inner.size() && all; i++) {
                all = sameWord(outer.get(start + i), inner.get(i));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Common prefix in code points. */
    private static int commonPrefix(String a, String b) {
        int i = 0;
        int j = 0;
        int count = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                break;
            }
            count++;
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return count;
    }
}
