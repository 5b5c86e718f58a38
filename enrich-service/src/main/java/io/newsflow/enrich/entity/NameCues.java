package io.newsflow.enrich.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;

/**
 * Words around and inside a name that tell its type, in the languages the proper-noun chunker serves: the nouns that
 * head an organisation's name (partij, ministério, uniwersytet, суд), legal forms (ТОВ, Sp. z o.o., B.V.), the nouns
 * that head a place's name (rua, ulica, вулиця, область) and the titles written before a person's name (premier,
 * presidente, министр). A cue is a stem: it matches a word that starts with it and has at most a few letters more, so
 * that the inflected forms of the Slavic languages match too (министерства, ministerstwie, міністерством).
 *
 * <p>The stop words of a language (Lucene's lists where lucene-analysis-common has one) never start a name.
 */
final class NameCues {

    private static final Set<String> COMPOUNDING = Set.of("nl", "de");
    private static final int MIN_COMPOUND_HEAD = 6;

    /** The most letters a word may have past its cue's stem: the longest case ending. */
    private static final int MAX_ENDING = 4;

    private static final Set<String> ORGANISATION_STEMS = words(
            // English, also quoted in every other language
            "institute", "university", "bank", "party", "ministry", "agency", "company", "corporation", "fund",
            "committee", "council", "commission", "union", "association", "federation", "court", "parliament",
            "government", "police", "army", "news", "times", "group", "airlines", "airways", "club", "league",
            "foundation", "church", "college", "office", "department", "authority", "service", "bureau", "network",
            "press", "post", "herald", "journal", "telegraph", "guardian", "television", "broadcasting", "reuters", "daily", "mail", "international",
            "media", "holding", "holdings", "energy", "systems", "motors", "magazine", "telecom", "national",
            // Dutch
            "instituut", "universiteit", "partij", "ministerie", "agentschap", "fonds", "comité", "raad", "commissie",
            "unie", "vereniging", "federatie", "bond", "rechtbank", "parlement", "kamer", "regering", "kabinet",
            "politie", "leger", "krant", "groep", "stichting", "kerk", "hogeschool", "dienst", "omroep", "vakbond",
            "beweging", "alliantie", "maatschappij", "spoorwegen", "gemeente", "provincie", "senaat", "vakbond",
            "zaken", "organisatie", "gemeenschap",
            // Portuguese
            "instituto", "universidade", "banco", "partido", "ministério", "agência", "companhia", "empresa", "fundo",
            "comitê", "conselho", "comissão", "união", "associação", "federação", "tribunal", "parlamento",
            "assembleia", "governo", "polícia", "exército", "jornal", "grupo", "fundação", "igreja", "escola",
            "faculdade", "câmara", "secretaria", "serviço", "rádio", "televisão", "clube", "sindicato", "movimento",
            "frente", "confederação", "sociedade", "senado", "congresso", "prefeitura", "procuradoria", "associação",
            "organização", "organizações", "nações", "observatório", "teatro", "orquestra", "editora", "corte",
            "supremo", "suprema", "presidência",
            // Polish
            "instytut", "uniwersytet", "partia", "partii", "ministerstw", "agencj", "spółk", "fundusz", "fundacj",
            "komitet", "rada", "rady", "radzie", "radą", "komisj", "unia", "unii", "unię", "unią", "związek",
            "związku", "stowarzyszeni", "federacj", "sąd", "trybunał", "parlament", "sejm", "senat", "rząd", "rządu",
            "policj", "armi", "gazet", "grup", "kościół", "kościoła", "kościele", "szkoł", "izba", "izby", "izbie",
            "izbą", "urząd", "urzędu", "urzędzie", "służb", "kancelari", "prokuratur", "telewizj", "radio", "ruch",
            "konfederacj", "platform", "straż", "akademi", "organizacj",
            // Russian
            "институт", "университет", "банк", "парти", "министерств", "агентств", "компани", "корпораци", "фонд",
            "комитет", "совет", "комисси", "союз", "ассоциаци", "федераци", "суд", "парламент", "госдум",
            "правительств", "полици", "арми", "газет", "групп", "церк", "школ", "палат", "служб", "прокуратур",
            "телеканал", "радио", "ведомств", "управлени", "департамент", "академи", "организаци", "движени",
            "фронт", "альянс", "центробанк", "сбербанк", "новост", "вест", "известия",
            // Ukrainian
            "інститут", "університет", "парті", "міністерств", "агенці", "компані", "корпораці", "комітет", "рада",
            "ради", "раді", "радою", "комісі", "асоціаці", "федераці", "уряд", "поліці", "армі", "груп", "церкв",
            "служб", "телеканал", "радіо", "відомств", "управлінн", "академі", "організаці", "рух", "підприємств",
            "об'єднанн", "товариств", "інспекці", "відділенн", "концерн", "холдинг", "завод", "комбінат",
            "прокуратур", "департамент", "альянс", "новин", "кабмін", "київрад");

    /**
     * Legal forms written before or after a company's name (Cyrillic abbreviations before it, in quotes:
     * ТОВ «Укрпласт»); lower case.
     */
    private static final Set<String> LEGAL_FORMS = words("тов", "пат", "прат", "ват", "зат", "дп", "кп", "квп", "тд",
            "ооо", "оао", "зао", "пао", "ао", "гуп", "муп", "нко", "фгуп", "bv", "b.v", "nv", "n.v", "vzw", "sa", "s.a",
            "lda", "ltda", "sp", "s.c", "ltd", "inc", "plc", "llc", "gmbh", "ag", "spa", "s.p.a", "srl");

    /** Nouns that open a place's name: a street, a square, a river, a region. */
    private static final Set<String> PLACE_STEMS = words(
            "rua", "avenida", "praça", "largo", "travessa", "estrada", "rio", "serra", "ilha", "ilhas", "lago",
            "monte", "baía", "golfo", "oceano", "cabo", "península", "estado", "straat", "laan", "plein", "rivier",
            "meer", "eiland", "gebergte", "ulica", "ulicy", "ulicę", "plac", "placu", "aleja", "alei", "rzeka",
            "rzeki", "jezioro", "morze", "morza", "wyspa", "wyspy", "półwysep", "województw", "powiat", "улиц",
            "проспект", "площад", "река", "реки", "озеро", "остров", "област", "край", "района", "район", "вулиц",
            "площ", "річк", "острів", "острова", "район", "мор");

    /** Street, square and river suffixes of one-word Dutch names (Wetstraat, Museumplein). */
    private static final List<String> PLACE_SUFFIXES = List.of("straat", "laan", "plein", "gracht", "kade", "steenweg");

    private static final Set<String> COMMON_ABBREVIATIONS = words("сми", "змі", "ввп", "дтп", "вич", "віл", "спид",
            "снід", "чп", "пкб", "pkb", "pib", "bbp", "gdp", "ceo", "tv", "pc", "dna", "днк", "пдв", "ндс", "hiv", "aids",
            "sms", "pdf", "vip", "ok", "usb", "gps", "rfid", "hq", "ac", "dc", "sd", "cd", "dvd", "lcd", "led", "www",
            "html", "mp3", "dj", "ufo", "faq", "iq");

    private static final List<String> ADJECTIVE_ENDINGS = List.of("ого", "ому", "ої", "ою", "ый", "ая", "ую", "ой",
            "ые", "ых", "ими", "ыми", "ська", "ській", "iej", "nej", "wej", "ego", "emu", "ych", "ymi", "ką");

    private static final List<String> ADJECTIVE_FORMS = List.of("ий", "ій", "ое", "ее", "не", "ке", "ні", "кі", "на",
            "ка", "ый", "ой");

    /** Titles and forms of address written before a person's name, in lower case as in running text. */
    private static final Set<String> PERSON_TITLES = words(
            "minister", "premier", "president", "burgemeester", "koning", "koningin", "prins", "prinses", "paus",
            "staatssecretaris", "voorzitter", "woordvoerder", "generaal", "kardinaal", "bisschop", "schrijver",
            "zanger", "zangeres", "trainer", "coach", "meneer", "mevrouw", "dhr", "mevr", "collega", "advocaat",
            "presidente", "ministro", "ministra", "primeiro-ministro", "rei", "rainha", "príncipe", "papa",
            "deputado", "deputada", "senador", "senadora", "governador", "prefeito", "secretário", "padre", "dom",
            "dona", "senhor", "senhora", "escritor", "escritora", "cantor", "cantora", "treinador", "jogador", "juiz",
            "juíza", "prezydent", "ministra", "król", "królowa", "książę", "papież", "poseł", "posłanka", "senator",
            "marszałek", "wojewoda", "burmistrz", "prezes", "rzecznik", "generał", "ksiądz", "biskup", "sędzia",
            "przewodnicząc", "kanclerz", "pisarz", "piosenkar", "trener", "президент", "премьер", "премьер-министр",
            "министр", "король", "королев", "принц", "депутат", "сенатор", "губернатор", "мэр", "председател",
            "спикер", "генерал", "господин", "госпож", "судь", "посол", "лидер", "пресс-секретар", "канцлер",
            "писател", "певиц", "певец", "тренер", "адвокат", "прем'єр", "прем'єр-міністр", "міністр", "голов",
            "королев", "депутатк", "губернатор", "мер", "спікер", "пан", "пані", "судд", "очільник", "керівник",
            "директор", "письменник", "співак", "співачк", "канцлер");

    private static final Map<String, CharArraySet> STOP_WORDS = new HashMap<>();

    static {
        STOP_WORDS.put("en", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        STOP_WORDS.put("fr", FrenchAnalyzer.getDefaultStopSet());
        STOP_WORDS.put("de", GermanAnalyzer.getDefaultStopSet());
        STOP_WORDS.put("es", SpanishAnalyzer.getDefaultStopSet());
        STOP_WORDS.put("it", ItalianAnalyzer.getDefaultStopSet());
        STOP_WORDS.put("pt", PortugueseAnalyzer.getDefaultStopSet());
        STOP_WORDS.put("nl", DutchAnalyzer.getDefaultStopSet());
        STOP_WORDS.put("ru", RussianAnalyzer.getDefaultStopSet());
        // lucene-analysis-common has no Polish or Ukrainian list: the commonest function words, which open sentences.
        STOP_WORDS.put("pl", new CharArraySet(List.of("w", "we", "z", "ze", "na", "do", "od", "i", "a", "o", "to",
                "ten", "ta", "te", "tego", "tej", "jest", "są", "był", "była", "było", "nie", "tak", "że", "jak",
                "po", "przez", "dla", "przy", "za", "pod", "nad", "czy", "ale", "lub", "oraz", "jej", "jego", "ich",
                "się", "co", "kto", "gdy", "już", "także", "też", "jednak", "według", "wśród"), true));
        STOP_WORDS.put("uk", new CharArraySet(List.of("в", "у", "з", "із", "зі", "на", "до", "від", "і", "й", "та",
                "а", "о", "про", "це", "цей", "ця", "ці", "цього", "цієї", "є", "був", "була", "було", "не", "так",
                "що", "як", "по", "через", "для", "при", "за", "під", "над", "чи", "але", "або", "її", "його", "їх",
                "хто", "коли", "вже", "також", "проте", "однак", "після", "серед", "згідно"), true));
    }

    private NameCues() {
    }

    /** The lists above repeat a word where two languages share it; a set keeps it once. */
    private static Set<String> words(String... words) {
        return Set.copyOf(List.of(words));
    }

    /**
     * Case endings of adjectives (Великої, Wielkiej, Соединенного), which open the name of a country or an institution
     * after a title ("премьер Соединенного Королевства"), never a person's given name.
     */
    static boolean hasAdjectiveEnding(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return ADJECTIVE_ENDINGS.stream().anyMatch(e -> lower.endsWith(e) && lower.length() > e.length() + 2);
    }

    /** Abbreviations of common nouns, written in capitals but naming nothing: СМИ (the media), ВВП (GDP). */
    static boolean isCommonAbbreviation(String word) {
        return COMMON_ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * Any form of an adjective, given names aside: also the masculine and neuter nominative endings (Господарський,
     * територіальне, районний) that given names share (Дмитрий, Андрій) and that {@link #hasAdjectiveEnding} leaves out.
     */
    static boolean hasAdjectiveForm(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return hasAdjectiveEnding(word)
                || ADJECTIVE_FORMS.stream().anyMatch(e -> lower.endsWith(e) && lower.length() > e.length() + 3);
    }

    static boolean isStopWord(String word, String language) {
        CharArraySet set = STOP_WORDS.get(language);
        return set != null && set.contains(word.toLowerCase(Locale.ROOT));
    }

    /** A word that heads or ends an organisation's name: Partij, Ministério, Uniwersytetu, суда, Радою. */
    static boolean isOrganisationWord(String word) {
        // "Senador" is no "Senado": a title is a person's, whatever organisation's stem it starts with.
        return matchesStem(ORGANISATION_STEMS, word) && !PERSON_TITLES.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * In a language that writes compounds as one word, a word ending in a long organisation noun is an organisation's
     * name too: Wereldgezondheidsorganisatie, Gemeenschapscommissie.
     */
    static boolean isOrganisationCompound(String word, String language) {
        if (!COMPOUNDING.contains(language)) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        for (int start = 3; start <= lower.length() - MIN_COMPOUND_HEAD; start++) {
            if (ORGANISATION_STEMS.contains(lower.substring(start))) {
                return true;
            }
        }
        return false;
    }

    static boolean isLegalForm(String word) {
        String bare = word.toLowerCase(Locale.ROOT);
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        return LEGAL_FORMS.contains(bare);
    }

    /** A word that opens a place's name: Rua, Ulica, вулиці, області; or a Dutch street name (Wetstraat). */
    static boolean isPlaceWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return matchesStem(PLACE_STEMS, word)
                || PLACE_SUFFIXES.stream().anyMatch(s -> lower.endsWith(s) && lower.length() > s.length() + 2);
    }

    /** A title or form of address (premier, presidente, министра, пані) written before a person's name. */
    static boolean isPersonTitle(String word) {
        return word.equals(word.toLowerCase(Locale.ROOT)) && matchesStem(PERSON_TITLES, word);
    }

    private static boolean matchesStem(Set<String> stems, String word) {
        String lower = word.toLowerCase(Locale.ROOT).replace('’', '\'');
        if (stems.contains(lower)) {
            return true;
        }
        for (int cut = 1; cut <= MAX_ENDING && lower.length() - cut >= 3; cut++) {
            if (stems.contains(lower.substring(0, lower.length() - cut))) {
                return true;
            }
        }
        return false;
    }
}
