package io.newsflow.enrich.topic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * One Lucene analyzer per language (tokenizer, lower case, the language's stop words and stemmer; elision for French
 * and Italian, umlaut folding for German), used for the lexicons and for the articles alike, so that a keyword and
 * the words of a text meet as the same stem. Lucene's analyzers are thread-safe: each thread reuses its own token
 * stream.
 *
 * <p>lucene-analysis-common has no stemmer for Polish or Ukrainian (they live in Lucene's Stempel and Morfologik
 * modules, with large dictionaries). Words of those languages are cut to their first {@value #PREFIX_LENGTH} letters
 * instead, which conflates most inflected forms of a longer word (wybory, wyborach; парламент, парламенті); a short
 * word's forms must be listed in the lexicon (wojna, wojny, wojnie).
 */
final class StemAnalyzers {

    /**
     * Languages whose compound words carry a keyword inside them (Nachtzugverbindung, Kriegsverbrechen): there a
     * keyword stem of {@value #MIN_COMPOUND_PART} letters or more also matches at the start or end of a longer word.
     */
    static final Set<String> COMPOUNDING = Set.of("de", "nl");
    static final int MIN_COMPOUND_PART = 5;
    static final int PREFIX_LENGTH = 5;

    private final Map<String, Analyzer> analyzers = Map.of(
            "en", new EnglishAnalyzer(),
            "fr", new FrenchAnalyzer(),
            "de", new GermanAnalyzer(),
            "es", new SpanishAnalyzer(),
            "it", new ItalianAnalyzer(),
            "pt", new PortugueseAnalyzer(),
            "nl", new DutchAnalyzer(),
            "ru", new RussianAnalyzer(),
            "pl", new PrefixAnalyzer(),
            "uk", new PrefixAnalyzer());

    Set<String> languages() {
        return analyzers.keySet();
    }

    Optional<Analyzer> forLanguage(String language) {
        return Optional.ofNullable(analyzers.get(language));
    }

    static List<String> stems(Analyzer analyzer, String text) {
        List<String> stems = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }

    private static final class PrefixAnalyzer extends Analyzer {

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new TruncateTokenFilter(new LowerCaseFilter(tokenizer), PREFIX_LENGTH);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
