package io.newsflow.enrich.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Given names and surnames of many languages, by which the proper-noun chunker recognises a person: the name lists of
 * the Datafaker locales (Apache-2.0; unpacked from its jar by the build, see README.md), and the hand-written
 * {@code first-names.txt}. A text in any language quotes people of every nationality, so one list serves all languages.
 *
 * <p>Datafaker's files are YAML, of which only the {@code name:} block is read, and only its plain lists of names
 * ({@code first_name: [Aad, Aafke, …]}, or one {@code - "Aaron"} a line): a YAML library would be a dependency for a
 * dozen lines of reading, so the few forms those files use are read here.
 */
final class PersonNames {

    /** The Datafaker locale files the build unpacks, under this directory of the classpath. */
    static final String DIRECTORY = "io/newsflow/enrich/entity/datafaker/";
    static final List<String> LOCALES = List.of("en/name", "nl", "pt", "pt-BR", "pl", "ru", "uk", "be", "bg", "mk",
            "de", "fr", "es", "it", "ca", "cs-CZ", "sk", "hr", "sq", "ro-MD", "hu", "tr", "sv", "da-DK", "nb-NO",
            "fi-FI", "et", "lv", "id", "en-IN", "en-PAK", "en-NEP", "en-NG", "en-PH", "en-SG");
    private static final String HAND_WRITTEN = "io/newsflow/enrich/entity/first-names.txt";

    private static final Pattern KEY = Pattern.compile("^ {6}((?:male_|female_)?(first|last)_name):\\s*(?:&\\S+\\s*)?(.*)$");
    private static final Pattern BLOCK_ITEM = Pattern.compile("^ {6,}- (.*)$");
    /** A name is letters, with inner apostrophes, hyphens and spaces ("D'Angelo", "Anne-Marie"); no templates. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’ -]*");
    /** Names this short meet ordinary words by accident ("Al", "Bo", "Ed"). */
    private static final int MIN_LENGTH = 3;
    /** Inflected forms are looked up among the names that share their first letters. */
    private static final int BUCKET = 4;

    private final Index given = new Index();
    private final Index surnames = new Index();

    PersonNames() {
        for (String locale : LOCALES) {
            read(DIRECTORY + locale + ".yml");
        }
        readHandWritten();
    }

    /** The names a single shared instance holds: loading reads a few megabytes of YAML, once. */
    static PersonNames shared() {
        return Holder.INSTANCE;
    }

    /** A known given name, or in an inflecting language one of its forms (Александром, Theresą). */
    boolean isGivenName(String word, boolean inflecting) {
        return given.contains(word, inflecting);
    }

    /** A known surname, or in an inflecting language one of its forms. */
    boolean isSurname(String word, boolean inflecting) {
        return surnames.contains(word, inflecting);
    }

    int givenNames() {
        return given.size();
    }

    int surnames() {
        return surnames.size();
    }

    private void read(String resource) {
        try (InputStream in = PersonNames.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath (unpacked by the build)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean inNames = false;
            Index target = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.matches("^ {4}\\S.*")) {
                    inNames = line.startsWith("    name:");
                    target = null;
                    continue;
                }
                if (!inNames) {
                    continue;
                }
                Matcher key = KEY.matcher(line);
                if (key.matches()) {
                    target = key.group(2).equals("first") ? given : surnames;
                    String value = key.group(3).strip();
                    if (value.startsWith("[")) {
                        StringBuilder list = new StringBuilder(value);
                        while (list.indexOf("]") < 0) {
                            String next = reader.readLine();
                            if (next == null) {
                                break;
                            }
                            list.append(next);
                        }
                        String inner = list.substring(1, list.indexOf("]") >= 0 ? list.indexOf("]") : list.length());
                        for (String item : inner.split(",")) {
                            add(target, item);
                        }
                        target = null;
                    }
                    continue;
                }
                if (line.matches("^ {6}\\S.*")) {
                    target = null;
                    continue;
                }
                Matcher item = BLOCK_ITEM.matcher(line);
                if (target != null && item.matches()) {
                    add(target, item.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readHandWritten() {
        try (InputStream in = PersonNames.class.getClassLoader().getResourceAsStream(HAND_WRITTEN)) {
            if (in == null) {
                throw new IllegalStateException(HAND_WRITTEN + " is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(name -> add(given, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Index index, String raw) {
        String name = raw.strip();
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("'") && name.endsWith("'"))) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name.length() < MIN_LENGTH || !NAME.matcher(name).matches() || !Character.isUpperCase(name.codePointAt(0))) {
            return;
        }
        // "Anne Marie" or "van der Berg": the chunker looks names up a word at a time, by their first (given) or
        // last (surname) word.
        String[] words = name.split(" ");
        index.add(words[0]);
        if (words.length > 1) {
            index.add(words[words.length - 1]);
        }
    }

    /** Lower-case names, and the same names by their first letters for inflected look-ups. */
    private static final class Index {
        private final Set<String> names = new HashSet<>();
        private final Map<String, List<String>> byPrefix = new HashMap<>();

        void add(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.length() >= MIN_LENGTH && names.add(key) && key.length() >= BUCKET) {
                byPrefix.computeIfAbsent(key.substring(0, BUCKET), k -> new ArrayList<>(2)).add(key);
            }
        }

        boolean contains(String word, boolean inflecting) {
            String key = word.toLowerCase(Locale.ROOT);
            if (names.contains(key)) {
                return true;
            }
            if (!inflecting || key.length() < BUCKET) {
                return false;
            }
            List<String> candidates = byPrefix.get(key.substring(0, BUCKET));
            return candidates != null && candidates.stream().anyMatch(n -> Names.sameWord(n, key, true));
        }

        int size() {
            return names.size();
        }
    }

    private static final class Holder {
        static final PersonNames INSTANCE = new PersonNames();
    }
}
