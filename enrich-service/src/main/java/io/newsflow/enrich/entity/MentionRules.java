package io.newsflow.enrich.entity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.events.EntityType;

/**
 * Corrections to an engine's mentions that need the text around them, applied before mentions are merged. Each rule
 * is described where it is written:
 *
 * <ul>
 * <li>a closing credit line ("Source : Newsweek") names an organisation ({@link #creditedOrganisation});</li>
 * <li>a lone institution head takes its lower-case complement ("Institut pour l'étude de la guerre");</li>
 * <li>an institution head right before a tagged name joins it ("Institute for the Study of War");</li>
 * <li>a name right after a word for a publication is that publication ("the magazine Newsweek").</li>
 * </ul>
 */
final class MentionRules {

    /**
     * The article's last line: "Source", "Sources", "Quelle", "Fuente", "Fonte", "Bron", "Źródło", "Источник",
     * "Джерело", a colon, then the name. French typography puts a (no-break) space before the colon.
     */
    private static final Pattern CREDIT_LINE = Pattern.compile(
            "\\h*(?:sources?|quelle|fuente|fonte|bron|źródło|источник|джерело)\\h*:\\h*(\\S.*?)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    /** The longest credit a credit line may hold. */
    private static final int MAX_CREDIT_WORDS = 6;

    /** Prepositions that open the complement of an institution's name in the Romance languages and English. */
    private static final Set<String> COMPLEMENT_OPENERS = Set.of("de", "d'", "du", "des", "pour", "sur", "del",
            "della", "dello", "degli", "delle", "di", "per", "para", "of", "for");

    private static final int MAX_COMPLEMENT_WORDS = 6;
    /** Six words and their spaces fit in this many characters; no further punctuation is looked for. */
    private static final int MAX_COMPLEMENT_CHARS = 120;

    /**
     * Auxiliaries and copulas that follow a subject: "le Centre de recherche a annoncé", "l'Institut de France est":
     * the name ends before them.
     */
    private static final Set<String> VERB_STARTS = Set.of("a", "ont", "est", "sont", "était", "étaient", "avait",
            "avaient", "sera", "seront", "has", "have", "had", "is", "are", "was", "were", "will", "ha", "han", "es",
            "son", "fue", "era", "será", "è", "sono", "hanno", "sarà");

    /** Ends a complement: sentence and clause punctuation, dashes, brackets and quotes. */
    private static final Pattern COMPLEMENT_END = Pattern.compile("[\\n.,;:!?()\\[\\]«»\"“”–—]|\\s-\\s");

    /** An institution head, then a connector, right before a name: "Institute for the ", "Zentrum für ". */
    private static final Pattern HEAD_BEFORE = Pattern.compile(
            "(\\p{Lu}\\p{L}+)\\h+(?:for the|of the|for|of|de la|de l'|de|d'|du|des|für|der|del|de los|di|della|dell')\\h*$",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** The two words before a name, on its line: group 2 (may be absent) and group 3, the one next to the name. */
    private static final Pattern WORDS_BEFORE = Pattern.compile("(^|\\h)(?:([\\p{L}'’]+)\\h+)?([\\p{L}'’]+)\\h+$",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Adjectives of nationality written after the noun, by their endings: américain, britannique, estadounidense,
     * italiano, francese, alemán, russe; and the Slavic -ский/-ська/-ski.
     */
    private static final Pattern NATIONALITY = Pattern.compile(
            "\\p{Ll}+(?:ain|aine|ais|aise|ien|ienne|ique|ense|ano|ana|ese|és|esa|án|isch|ische|ischen|sse|ski|ska"
                    + "|ский|ская|ского|ської|ська|ський|ого)",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Words for a publication or a news organisation, in the supported languages. */
    private static final Set<String> PUBLICATIONS = Set.of("magazine", "newspaper", "daily", "weekly", "tabloid",
            "broadcaster", "agency", "journal", "quotidien", "hebdomadaire", "mensuel", "revue", "agence", "chaîne",
            "radio", "revista", "periódico", "diario", "semanario", "agencia", "cadena", "rivista", "quotidiano",
            "settimanale", "giornale", "agenzia", "emittente", "zeitung", "magazin", "wochenzeitung", "nachrichtenagentur",
            "agentur", "sender", "jornal", "semanário", "agência", "emissora", "krant", "dagblad", "tijdschrift",
            "weekblad", "persbureau", "omroep", "gazeta", "dziennik", "tygodnik", "agencja", "stacja", "газета",
            "газеты", "газете", "журнал", "журнала", "журналу", "агентство", "агентства", "агентству", "издание",
            "издания", "телеканал", "телеканала", "видання", "агенції", "агенція", "телеканалу");

    private MentionRules() {
    }

    static List<Mention> apply(String text, List<Mention> mentions) {
        List<Mention> corrected = new ArrayList<>(mentions.size() + 1);
        for (Mention mention : mentions) {
            corrected.add(publication(text, withHeadBefore(text, withComplement(text, mention))));
        }
        // A name inside an institution's name ("France" in "Institut de France") is part of it, and two mentions grown
        // to the same institution are one.
        corrected.sort(Comparator.comparingInt(Mention::begin).thenComparingInt(m -> -m.end()));
        List<Mention> result = new ArrayList<>(corrected.size());
        for (Mention mention : corrected) {
            Mention last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last == null || mention.end() > last.end() || last.type() != EntityType.ORGANIZATION) {
                result.add(mention);
            }
        }
        creditedOrganisation(text).ifPresent(credit -> {
            result.removeIf(m -> m.begin() < credit.end() && credit.begin() < m.end());
            result.add(credit);
        });
        result.sort(Comparator.comparingInt(Mention::begin));
        return result;
    }

    /** The organisation the article's closing credit line names, if it has one. */
    /**
     * A credit line ends many articles: "Source : Newsweek", "Quelle: dpa", "Fuente: EFE". What it names is the
     * publisher or agency the article comes from, an organisation, whatever type (or none) the tagger gave it: a tagger
     * sees one line without a sentence around it and guesses. A line of more than a few words, or without a capital, is
     * a sentence that happens to start with "Source:".
     */
    static Optional<Mention> creditedOrganisation(String text) {
        String trimmed = text.stripTrailing();
        int lineStart = trimmed.lastIndexOf('\n') + 1;
        Matcher credit = CREDIT_LINE.matcher(trimmed).region(lineStart, trimmed.length());
        if (!credit.matches()) {
            return Optional.empty();
        }
        String name = credit.group(1);
        if (Names.words(name).size() > MAX_CREDIT_WORDS || !Names.hasCapital(name)) {
            return Optional.empty();
        }
        return Optional.of(new Mention(name, credit.start(1), credit.end(1), EntityType.ORGANIZATION));
    }

    /**
     * "Institute for the Study of War": the English model tags "Study of War" and leaves the head out. An institution
     * head and a connector right before a name make one organisation's name with it.
     */
    private static Mention withHeadBefore(String text, Mention mention) {
        Matcher head = HEAD_BEFORE.matcher(text.substring(Math.max(0, mention.begin() - 40), mention.begin()));
        if (!head.find() || !Names.isInstitutionHead(head.group(1))) {
            return mention;
        }
        int begin = mention.begin() - (head.end() - head.start());
        return new Mention(text.substring(begin, mention.end()), begin, mention.end(), EntityType.ORGANIZATION);
    }

    /**
     * "the American magazine Newsweek", "le magazine américain Newsweek", "la revista estadounidense Newsweek": a name
     * right after a word for a newspaper, magazine, agency or broadcaster, or after that word and an adjective of
     * nationality, names the publication, an organisation, whatever the tagger made of it (the English and Spanish
     * models call a lone "Newsweek" a person). Any other word between them ("the newspaper said Putin") breaks the
     * link.
     */
    private static Mention publication(String text, Mention mention) {
        if (mention.type() == EntityType.ORGANIZATION) {
            return mention;
        }
        Matcher before = WORDS_BEFORE.matcher(text.substring(Math.max(0, mention.begin() - 60), mention.begin()));
        if (!before.find()) {
            return mention;
        }
        boolean named = isPublication(before.group(3)) || before.group(2) != null && isPublication(before.group(2))
                && NATIONALITY.matcher(before.group(3)).matches();
        return named ? new Mention(mention.text(), mention.begin(), mention.end(), EntityType.ORGANIZATION) : mention;
    }

    private static boolean isPublication(String word) {
        String bare = word.substring(Math.max(word.lastIndexOf('\''), word.lastIndexOf('’')) + 1);
        return PUBLICATIONS.contains(bare.toLowerCase(Locale.ROOT));
    }

    /**
     * A tagger trained on news often tags only the head of a French, Spanish or Italian institution's name when its
     * complement is written in lower case ("l'Institut pour l'étude de la guerre", "le Centre de résistance
     * ukrainien"): a lone institution head followed by a complement that starts with a preposition takes the complement
     * up to the next punctuation, when that is a few words away, or up to an auxiliary verb ("l'Institut de France a
     * voté"). Further away, the words are the sentence, not the name, and the head stays alone.
     */
    private static Mention withComplement(String text, Mention mention) {
        if (!Names.isInstitutionHead(mention.text())) {
            return mention;
        }
        int window = Math.min(text.length(), mention.end() + MAX_COMPLEMENT_CHARS);
        Matcher end = COMPLEMENT_END.matcher(text).region(mention.end(), window);
        int limit = end.find() ? end.start() : window;
        String complement = text.substring(mention.end(), limit);
        List<String> words = Names.words(complement);
        if (words.isEmpty() || words.size() > MAX_COMPLEMENT_WORDS || !Character.isWhitespace(complement.charAt(0))) {
            return mention;
        }
        String first = words.get(0).toLowerCase(Locale.ROOT);
        int apostrophe = Math.max(first.indexOf('\''), first.indexOf('’'));
        if (!COMPLEMENT_OPENERS.contains(apostrophe > 0 ? first.substring(0, apostrophe + 1).replace('’', '\'') : first)) {
            return mention;
        }
        int kept = 0;
        while (kept < words.size() && !VERB_STARTS.contains(words.get(kept))) {
            kept++;
        }
        if (kept < 2) {
            return mention;
        }
        int stop = mention.end();
        for (int i = 0; i < kept; i++) {
            stop = text.indexOf(words.get(i), stop) + words.get(i).length();
        }
        return new Mention(text.substring(mention.begin(), stop), mention.begin(), stop, EntityType.ORGANIZATION);
    }
}
