package io.newsflow.enrich.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;

/**
 * The keywords of one language, by IPTC Media Topic, as stems. Read from lines {@code medtop:code TAB kw, kw, ...}; a
 * keyword of several words matches those words in a row (after stop words are removed, as in the text).
 */
final class TopicLexicon {

    /** A keyword found in a text: its topic, its form in the lexicon and how often it occurs. */
    record Match(String code, String keyword, int count) {
    }

    private record Keyword(String code, String surface, List<String> stems) {
    }

    private final Analyzer analyzer;
    private final boolean compounding;
    private final Map<String, List<Keyword>> byFirstStem = new HashMap<>();
    private final List<Keyword> singleStems = new ArrayList<>();
    private final Set<String> known = new HashSet<>();
    private int size;

    TopicLexicon(Analyzer analyzer, boolean compounding) {
        this.analyzer = analyzer;
        this.compounding = compounding;
    }

    /** Adds the keywords of a lexicon file; an unknown topic code or a line without a tab stops the service. */
    void add(String tsv, String origin, MediaTopics vocabulary) {
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(tsv))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(origin + ":" + lineNumber
                            + ": expected <medtop:code> TAB <keyword>, <keyword>, ..., was: " + line);
                }
                String code = line.substring(0, tab).strip();
                if (vocabulary.get(code).isEmpty()) {
                    throw new IllegalStateException(origin + ":" + lineNumber + ": " + code
                            + " is not in " + MediaTopics.RESOURCE);
                }
                for (String surface : line.substring(tab + 1).split(",")) {
                    addKeyword(code, surface.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addKeyword(String code, String surface) {
        if (surface.isEmpty()) {
            return;
        }
        List<String> stems = StemAnalyzers.stems(analyzer, surface);
        // Forms that stem alike (train, trains) are one keyword: a word must not count twice for a topic.
        if (stems.isEmpty() || !known.add(code + " " + String.join(" ", stems))) {
            return;
        }
        Keyword keyword = new Keyword(code, surface, List.copyOf(stems));
        byFirstStem.computeIfAbsent(stems.get(0), first -> new ArrayList<>()).add(keyword);
        if (compounding && stems.size() == 1 && stems.get(0).length() >= StemAnalyzers.MIN_COMPOUND_PART) {
            singleStems.add(keyword);
        }
        size++;
    }

    /** Number of keywords. */
    int size() {
        return size;
    }

    /** Every keyword occurring in the text, with its number of occurrences, in order of first occurrence. */
    List<Match> matches(String text) {
        List<String> stems = StemAnalyzers.stems(analyzer, text);
        Map<Keyword, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < stems.size(); i++) {
            boolean exact = false;
            for (Keyword keyword : byFirstStem.getOrDefault(stems.get(i), List.of())) {
                if (occursAt(keyword.stems(), stems, i)) {
                    counts.merge(keyword, 1, Integer::sum);
                    exact = true;
                }
            }
            if (!exact && compounding) {
                String word = stems.get(i);
                for (Keyword keyword : singleStems) {
                    String part = keyword.stems().get(0);
                    if (word.length() > part.length() && (word.startsWith(part) || word.endsWith(part))) {
                        counts.merge(keyword, 1, Integer::sum);
                    }
                }
            }
        }
        List<Match> matches = new ArrayList<>();
        counts.forEach((keyword, count) -> matches.add(new Match(keyword.code(), keyword.surface(), count)));
        return matches;
    }

    private static boolean occursAt(List<String> keyword, List<String> stems, int start) {
        if (start + keyword.size() > stems.size()) {
            return false;
        }
        for (int j = 0; j < keyword.size(); j++) {
            if (!keyword.get(j).equals(stems.get(start + j))) {
                return false;
            }
        }
        return true;
    }
}
