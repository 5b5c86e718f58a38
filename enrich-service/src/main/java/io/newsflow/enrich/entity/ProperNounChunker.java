package io.newsflow.enrich.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
            "für");
    private static final List<String> ORGANISATION_KEYWORDS = List.of(
            "институт", "інститут", "instituto", "instytut", "instituut", "institute", "universit", "университет",
            "університет", "uniwersytet", "bank", "банк", "партия", "партія", "partia", "partido", "partij",
            "министерств", "міністерств", "ministerstw", "ministério", "ministerie", "агентств", "агенці", "agência",
            "agencja", "agentschap", "agency", "компани", "компані", "company", "corporation", "фонд", "fund",
            "комитет", "комітет", "komitet", "comité", "committee", "совет", "рада", "rada", "council", "news",
            "новост", "новин", "gazeta", "газет", "times", "армия", "армія", "armia", "exército", "leger");
    private static final List<String> SURNAME_ENDINGS = List.of(
            "енко", "ов", "ев", "ёв", "ин", "ін", "ын", "ский", "цкий", "ук", "юк", "чук", "ич", "ян", "швили", "дзе", "ський",
            "цький", "ski", "cki", "dzki", "wicz", "czyk", "enko", "ov", "ev");
    private static final Set<String> FIRST_NAMES = loadFirstNames();

    private final PlaceGazetteer gazetteer;

    ProperNounChunker(PlaceGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    List<Mention> chunk(String text, String language) {
        boolean inflecting = PlaceGazetteer.INFLECTING.contains(language);
        List<Token> tokens = tokens(text);
        List<String> capitalisedMidSentence = tokens.stream()
                .filter(t -> t.capitalised() && !t.sentenceStart)
                .map(t -> t.text)
                .toList();

        List<Mention> mentions = new ArrayList<>();
        List<Token> run = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean joins = !run.isEmpty() && token.joinedToPrevious;
            if (token.capitalised()) {
                boolean startsName = !token.sentenceStart || token.acronym()
                        || isFirstName(token.text, inflecting)
                        || gazetteer.lookup(token.text, language).isPresent()
                        || capitalisedMidSentence.stream().anyMatch(w -> Names.sameWord(w, token.text, inflecting));
                if (!joins) {
                    flush(run, text, language, mentions);
                }
                if (startsName || joins) {
                    run.add(token);
                }
            } else if (joins && CONNECTORS.contains(token.text) && i + 1 < tokens.size()
                    && tokens.get(i + 1).capitalised() && tokens.get(i + 1).joinedToPrevious) {
                run.add(token);
            } else {
                flush(run, text, language, mentions);
            }
        }
        flush(run, text, language, mentions);
        return mentions;
    }

    /**
     * Emits the run as one or more names: it is split before a known given name and around a known place, since
     * "России Сергей Шойгу" (of Russia, Sergei Shoigu) is two names that only happen to stand side by side.
     */
    private void flush(List<Token> run, String text, String language, List<Mention> mentions) {
        boolean inflecting = PlaceGazetteer.INFLECTING.contains(language);
        int from = 0;
        for (int i = 1; i <= run.size(); i++) {
            boolean cut = i == run.size()
                    || isFirstName(run.get(i).text, inflecting)
                    || isPlace(run.get(i), language)
                    || isPlace(run.get(i - 1), language);
            if (cut) {
                emit(run.subList(from, i), text, language, mentions);
                from = i;
            }
        }
        run.clear();
    }

    private boolean isPlace(Token token, String language) {
        return gazetteer.lookup(token.text, language).isPresent();
    }

    private static boolean isFirstName(String word, boolean inflecting) {
        return FIRST_NAMES.stream().anyMatch(n -> Names.sameWord(n, word, inflecting));
    }

    private void emit(List<Token> piece, String text, String language, List<Mention> mentions) {
        while (!piece.isEmpty() && !piece.get(piece.size() - 1).capitalised()) {
            piece = piece.subList(0, piece.size() - 1);
        }
        if (piece.isEmpty() || !piece.get(0).capitalised()) {
            return;
        }
        int begin = piece.get(0).begin;
        int end = piece.get(piece.size() - 1).end;
        String name = text.substring(begin, end);
        mentions.add(new Mention(name, begin, end, typeOf(name, piece, language)));
    }

    private EntityType typeOf(String name, List<Token> run, String language) {
        if (gazetteer.lookup(name, language).isPresent()) {
            return EntityType.LOCATION;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (run.stream().anyMatch(Token::acronym) || ORGANISATION_KEYWORDS.stream().anyMatch(lower::contains)) {
            return EntityType.ORGANIZATION;
        }
        boolean inflecting = PlaceGazetteer.INFLECTING.contains(language);
        if (run.size() > 1 && isFirstName(run.get(0).text, inflecting)) {
            return EntityType.PERSON;
        }
        if (run.size() <= 3 && hasSurnameEnding(run.get(run.size() - 1).text.toLowerCase(Locale.ROOT), inflecting)) {
            return EntityType.PERSON;
        }
        return EntityType.MISC;
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
            boolean joined = !tokens.isEmpty() && gap.equals(" ");
            tokens.add(new Token(matcher.group(), matcher.start(), matcher.end(), sentenceStart, joined));
            previousEnd = matcher.end();
        }
        return tokens;
    }

    private static Set<String> loadFirstNames() {
        String resource = "io/newsflow/enrich/entity/first-names.txt";
        try (InputStream in = ProperNounChunker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Token(String text, int begin, int end, boolean sentenceStart, boolean joinedToPrevious) {

        boolean capitalised() {
            return Character.isUpperCase(text.codePointAt(0));
        }

        boolean acronym() {
            return text.length() >= 2 && text.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        }
    }
}
