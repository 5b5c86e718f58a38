package io.newsflow.enrich.entity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.events.EntityType;

/**
 * Names in languages without a statistical model (Russian, Ukrainian, Polish, Portuguese, Dutch, …): runs of
 * capitalised words, joined by connector words ("Instituto de Estudos", "van der"), typed by rules and lists only.
 *
 * <ul>
 * <li>A capitalised word that opens a sentence is capitalised for that reason alone, so it starts a name only when the
 * same word (in any inflected form) is capitalised elsewhere in the text mid-sentence, is an acronym, a known given
 * name or a known place; "Министр обороны России" yields России, "Путин едет…" yields Путин because Владимир Путин follows.</li>
 * <li>Types: a known place is a LOCATION (the gazetteer); an acronym or an organisation keyword (институт, bank,
 * partido, …) makes an ORGANIZATION; a known given name first, or a typical surname ending (-енко, -ов, -ski, …),
 * makes a PERSON. Anything else is MISC: not guessed.</li>
 * </ul>
 */
final class ProperNounChunker {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{Nd}'’ʼ-]*");
    private static final Set<String> CONNECTORS = Set.of(
            "de", "da", "do", "dos", "das", "du", "del", "della", "di", "van", "von", "der", "den", "ter", "of", "for",
            "für", "voor", "het", "the", "and", "y", "la", "le", "des", "te", "zu", "am");
    private static final List<String> SURNAME_ENDINGS = List.of(
            "енко", "ов", "ев", "ёв", "ин", "ін", "ын", "ский", "цкий", "ук", "юк", "чук", "ич", "ян", "швили", "дзе", "ський",
            "цький", "ski", "cki", "dzki", "wicz", "czyk", "enko", "ov", "ev");
    /** Quotation marks that open a name after its legal form or its kind (ТОВ «Укрпласт», партия "Единая Россия"). */
    private static final Pattern OPENING_QUOTE = Pattern.compile("\\s*[«\"„“']\\s*");
    private static final Pattern ROMAN_NUMERAL = Pattern.compile("[IVXLC]+");
    /** The longest acronym; a longer word in capitals is shouted, not abbreviated. */
    private static final int MAX_ACRONYM = 6;
    /** Words in capitals in a row from which on the text is a heading in capitals, not acronyms. */
    private static final int HEADING_WORDS = 3;

    /**
     * Languages that capitalise only the first word of an organisation's or a place's name ("Верховный суд",
     * "Европейский союз"): there two or three capitalised words in a row, none an adjective, are a person's name.
     */
    private static final Set<String> TWO_NAMES_ARE_A_PERSON = Set.of("ru", "uk");

    private final PlaceGazetteer gazetteer;
    private final PersonNames people = PersonNames.shared();

    ProperNounChunker(PlaceGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    List<Mention> chunk(String text, String language) {
        boolean inflecting = PlaceGazetteer.INFLECTING.contains(language);
        List<Token> tokens = tokens(text);
        Set<String> lowerCaseWords = new HashSet<>();
        List<String> capitalisedMidSentence = new ArrayList<>();
        for (Token token : tokens) {
            if (!token.capitalised()) {
                lowerCaseWords.add(token.text);
            } else if (!token.sentenceStart && !token.heading) {
                capitalisedMidSentence.add(token.text);
            }
        }
        Context context = new Context(text, language, inflecting, tokens, lowerCaseWords);

        List<Mention> mentions = new ArrayList<>();
        List<Token> run = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean joins = !run.isEmpty() && token.joinedToPrevious;
            if (token.capitalised() && !token.heading) {
                String lower = token.text.toLowerCase(Locale.ROOT);
                boolean ordinary = NameCues.isStopWord(token.text, language) || lowerCaseWords.contains(lower);
                boolean startsName = !token.sentenceStart && !NameCues.isStopWord(token.text, language)
                        || !ordinary && (context.acronym(token)
                                || people.isGivenName(token.text, inflecting)
                                || gazetteer.lookup(token.text, language).isPresent()
                                || capitalisedMidSentence.stream().anyMatch(w -> Names.sameWord(w, token.text, inflecting)));
                if (!joins) {
                    flush(run, context, mentions);
                }
                if (startsName || joins) {
                    run.add(token);
                }
            } else if (joins && CONNECTORS.contains(token.text) && connectsTo(tokens, i + 1)) {
                run.add(token);
            } else if (joins && inflecting && !token.capitalised() && NameCues.hasAdjectiveForm(tokens.get(i - 1).text)
                    && headOfName(tokens, i)) {
                // "Верховный суд", "Донецької області": a capitalised adjective and the lower-case noun it qualifies.
                run.add(token);
                while (run.size() > 0 && !NameCues.isOrganisationWord(run.get(run.size() - 1).text)
                        && !NameCues.isPlaceWord(run.get(run.size() - 1).text)) {
                    i++;
                    run.add(tokens.get(i));
                }
                flush(run, context, mentions);
            } else {
                flush(run, context, mentions);
            }
        }
        flush(run, context, mentions);
        return mentions;
    }

    /** The next word, or the first word after further connectors ("voor de"), is capitalised and joined to them. */
    private static boolean connectsTo(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size() && tokens.get(i).joinedToPrevious; i++) {
            Token next = tokens.get(i);
            if (next.capitalised()) {
                return !next.heading;
            }
            if (!CONNECTORS.contains(next.text)) {
                return false;
            }
        }
        return false;
    }

    /**
     * A lower-case word, or an adjective and a word, that end in a noun heading an organisation's or a place's name,
     * right after a capitalised adjective: the names of Slavic institutions and regions are an adjective and a common
     * noun ("Верховний суд", "Краматорського міського суду").
     */
    private static boolean headOfName(List<Token> tokens, int at) {
        for (int i = at; i < Math.min(tokens.size(), at + 2); i++) {
            Token word = tokens.get(i);
            if (word.capitalised() || !word.joinedToPrevious || word.text.length() < 3) {
                return false;
            }
            if (NameCues.isOrganisationWord(word.text) || NameCues.isPlaceWord(word.text)) {
                return true;
            }
            if (!NameCues.hasAdjectiveForm(word.text)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Emits the run as one or more names: it is split before a known given name (unless a given name precedes it:
     * "Maria João") and around a known place, since "России Сергей Шойгу" (of Russia, Sergei Shoigu) is two names that
     * only happen to stand side by side; a place after a connector, or after an institution's head, is part of the
     * name ("Universidade de Lisboa", "Верховный суд Пакистана" stays whole only with its head).
     */
    private void flush(List<Token> run, Context context, List<Mention> mentions) {
        int from = 0;
        while (from < run.size() && run.get(from).sentenceStart && NameCues.isStopWord(run.get(from).text, context.language)) {
            from++;
        }
        for (int i = from + 1; i <= run.size(); i++) {
            boolean cut = i == run.size() || cutBefore(run, from, i, context);
            if (cut) {
                emit(run.subList(from, i), context, mentions);
                from = i;
            }
        }
        run.clear();
    }

    private boolean cutBefore(List<Token> run, int from, int i, Context context) {
        Token previous = run.get(i - 1);
        Token token = run.get(i);
        if (NameCues.isStopWord(token.text, context.language) && !CONNECTORS.contains(token.text)
                || NameCues.isStopWord(previous.text, context.language) && !CONNECTORS.contains(previous.text)
                && i - 1 > from) {
            // "Marc Schoetens Het …": a capitalised stop word inside a run opens a sentence whose full stop is missing.
            return true;
        }
        if (token.text.equals("van") && i - from >= 2 && people.isGivenName(run.get(from).text, context.inflecting)
                && !people.isGivenName(run.get(from + 1).text, context.inflecting) && !run.get(from + 1).text.equals("van")) {
            // "Olivier Hertoghe van Petercam": a full name, then "of" and where the person works.
            return true;
        }
        if (CONNECTORS.contains(previous.text) || CONNECTORS.contains(token.text)) {
            return false;
        }
        if (TWO_NAMES_ARE_A_PERSON.contains(context.language) && i > from
                && (context.acronym(previous) || NameCues.isOrganisationWord(previous.text))
                && !NameCues.isLegalForm(previous.text) && !token.joinedByQuote
                && looksLikeAPerson(run.subList(i, run.size()))) {
            // "МЗС Хосеп Борель", "Ради Дональд Туск": an institution, then the person who speaks for it.
            return true;
        }
        boolean institution = run.subList(from, i).stream()
                .anyMatch(t -> NameCues.isOrganisationWord(t.text) || NameCues.isLegalForm(t.text));
        if (people.isGivenName(token.text, context.inflecting) && !people.isGivenName(previous.text, context.inflecting)
                && !institution) {
            return true;
        }
        // "Доминик Рааб": a given name before another name is no place, whatever place shares its letters.
        boolean placeBefore = isPlace(previous, context.language)
                && !people.isGivenName(previous.text, context.inflecting);
        return !institution && (isPlace(token, context.language) || placeBefore);
    }

    private boolean isPlace(Token token, String language) {
        return gazetteer.lookup(token.text, language).isPresent();
    }

    private void emit(List<Token> piece, Context context, List<Mention> mentions) {
        while (!piece.isEmpty() && CONNECTORS.contains(piece.get(piece.size() - 1).text)) {
            piece = piece.subList(0, piece.size() - 1);
        }
        if (piece.isEmpty() || !piece.get(0).capitalised()
                || piece.size() == 1 && NameCues.isLegalForm(piece.get(0).text)
                || piece.size() == 1 && NameCues.isStopWord(piece.get(0).text, context.language)) {
            return;
        }
        // "Britse Concorde", "Canadese Gander": an adjective made from a place name describes the name after it.
        if (piece.size() > 1 && gazetteer.derivesFromPlace(piece.get(0).text)
                && piece.stream().noneMatch(t -> NameCues.isOrganisationWord(t.text))
                && piece.get(1).capitalised()) {
            piece = piece.subList(1, piece.size());
        }
        int begin = piece.get(0).begin;
        int end = piece.get(piece.size() - 1).end;
        String name = context.text.substring(begin, end);
        mentions.add(new Mention(name, begin, end, typeOf(name, piece, context)));
    }

    private EntityType typeOf(String name, List<Token> piece, Context context) {
        String language = context.language;
        boolean inflecting = context.inflecting;
        Token first = piece.get(0);
        Token last = piece.get(piece.size() - 1);
        if (gazetteer.lookup(name, language).isPresent()) {
            return EntityType.LOCATION;
        }
        if (piece.stream().anyMatch(t -> context.acronym(t) || NameCues.isOrganisationWord(t.text)
                || NameCues.isOrganisationCompound(t.text, language)
                || NameCues.isLegalForm(t.text)) || context.quotedAfterOrganisationWord(first)) {
            return EntityType.ORGANIZATION;
        }
        if (NameCues.isPlaceWord(first.text) || NameCues.isPlaceWord(last.text)) {
            return EntityType.LOCATION;
        }
        if (piece.size() > 1 && people.isGivenName(first.text, inflecting)
                || piece.size() == 2 && ROMAN_NUMERAL.matcher(last.text).matches()) {
            return EntityType.PERSON;
        }
        if (context.afterPersonTitle(first)) {
            return EntityType.PERSON;
        }
        if (piece.size() <= 3 && hasSurnameEnding(last.text.toLowerCase(Locale.ROOT), inflecting)) {
            return EntityType.PERSON;
        }
        if (piece.size() > 1 && piece.size() <= 3 && people.isSurname(last.text, inflecting)) {
            return EntityType.PERSON;
        }
        if (TWO_NAMES_ARE_A_PERSON.contains(language) && looksLikeAPerson(piece)) {
            return EntityType.PERSON;
        }
        return EntityType.MISC;
    }

    /** Two or three capitalised words, none in capitals or an adjective: Тереза Мэй, Асии Биби. */
    private static boolean looksLikeAPerson(List<Token> piece) {
        return piece.size() >= 2 && piece.size() <= 3 && piece.stream()
                .allMatch(t -> t.capitalised() && !t.inCapitals() && !NameCues.hasAdjectiveEnding(t.text)
                        && !NameCues.isOrganisationWord(t.text) && !NameCues.isPlaceWord(t.text));
    }

    private static boolean hasSurnameEnding(String word, boolean inflecting) {
        int maxCut = inflecting ? 2 : 0;
        for (int cut = 0; cut <= maxCut && word.length() - cut >= 4; cut++) {
            String stem = word.substring(0, word.length() - cut);
            if (SURNAME_ENDINGS.stream().anyMatch(stem::endsWith)) {
                return true;
            }
        }
        return false;
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        int previousEnd = 0;
        while (matcher.find()) {
            String gap = text.substring(previousEnd, matcher.start());
            boolean sentenceStart = tokens.isEmpty() || gap.contains("\n")
                    || gap.strip().matches(".*[.!?…:].*");
            // ТОВ «ТД «Укрпласт»: a legal form and the quoted name after it are one name.
            boolean quoted = !tokens.isEmpty() && OPENING_QUOTE.matcher(gap).matches()
                    && NameCues.isLegalForm(tokens.get(tokens.size() - 1).text);
            boolean joined = !tokens.isEmpty() && gap.equals(" ") || quoted;
            Token token = new Token(matcher.group(), matcher.start(), matcher.end(), sentenceStart, joined, gap);
            token.joinedByQuote = quoted;
            tokens.add(token);
            previousEnd = matcher.end();
        }
        // A heading in capitals ("UM PRESENTE AOS ESPECTADORES") is no row of acronyms: its words are left out.
        for (int i = 0; i < tokens.size(); ) {
            int j = i;
            while (j < tokens.size() && tokens.get(j).inCapitals()) {
                j++;
            }
            if (j - i >= HEADING_WORDS) {
                for (int k = i; k < j; k++) {
                    tokens.get(k).heading = true;
                }
            }
            i = Math.max(j, i + 1);
        }
        return tokens;
    }

    /** The text around the words of a run, which some rules read. */
    private record Context(String text, String language, boolean inflecting, List<Token> tokens,
            Set<String> lowerCaseWords) {

        /** An abbreviation in capitals (NMBS, ООН), not a word written in capitals that the text also has in lower case. */
        boolean acronym(Token token) {
            return token.inCapitals() && token.text.length() <= MAX_ACRONYM && !token.heading
                    && !ROMAN_NUMERAL.matcher(token.text).matches() && !NameCues.isCommonAbbreviation(token.text)
                    && !NameCues.isStopWord(token.text, language)
                    && !lowerCaseWords.contains(token.text.toLowerCase(Locale.ROOT));
        }

        /** Right after a title or a form of address: "premier Mark Rutte", "министра Терезы Мэй". */
        boolean afterPersonTitle(Token first) {
            int index = tokens.indexOf(first);
            return index > 0 && first.joinedToPrevious && NameCues.isPersonTitle(tokens.get(index - 1).text)
                    && !(inflecting && NameCues.hasAdjectiveEnding(first.text));
        }

        /** In quotation marks right after a legal form or an organisation's kind: ТОВ «Укрпласт», газета "Ведомости". */
        boolean quotedAfterOrganisationWord(Token first) {
            int index = tokens.indexOf(first);
            if (index <= 0 || !OPENING_QUOTE.matcher(first.gap).matches()) {
                return false;
            }
            String before = tokens.get(index - 1).text;
            return NameCues.isLegalForm(before) || NameCues.isOrganisationWord(before);
        }
    }

    private static final class Token {
        final String text;
        final int begin;
        final int end;
        final boolean sentenceStart;
        final boolean joinedToPrevious;
        /** What stands between the previous word and this one. */
        final String gap;
        boolean heading;
        /** Joined to a legal form before it by an opening quotation mark. */
        boolean joinedByQuote;

        Token(String text, int begin, int end, boolean sentenceStart, boolean joinedToPrevious, String gap) {
            this.text = text;
            this.begin = begin;
            this.end = end;
            this.sentenceStart = sentenceStart;
            this.joinedToPrevious = joinedToPrevious;
            this.gap = gap;
        }

        boolean capitalised() {
            return Character.isUpperCase(text.codePointAt(0));
        }

        boolean inCapitals() {
            return text.length() >= 2 && text.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        }
    }
}
