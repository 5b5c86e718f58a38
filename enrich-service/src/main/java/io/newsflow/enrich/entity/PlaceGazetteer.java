package io.newsflow.enrich.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;

import io.newsflow.events.Engine;

/**
 * Names of countries and cities in every configured language, from the Unicode CLDR data in ICU4J: the display name of
 * every ISO 3166 region, and the exemplar city of every time zone, plus the aliases of {@code place-aliases.tsv}.
 * A name written in any of the languages is recognised in an article of any language ("Washington", "Moskau").
 *
 * <p>For languages that inflect names (Russian, Ukrainian, Polish) a word also matches a place when, without an
 * ending of up to three letters, it equals the place name without its final vowel: Білорусі and Білорусь,
 * Москвою and Москва, Минском and Минск.
 */
final class PlaceGazetteer {

    /** A known place: countries carry an {@code iso3166:XX} reference, cities none. */
    record Place(String ref, boolean country, Map<String, String> names) {

        /** The place's name in {@code language}, or in English when CLDR has none in that language. */
        String name(String language) {
            String name = names.get(language);
            return name != null ? name : names.getOrDefault("en", names.values().iterator().next());
        }
    }

    static final Set<String> INFLECTING = Set.of("ru", "uk", "pl", "be", "cs", "sk", "hr", "sr", "sl", "bg", "lt", "lv");

    private static final String ALIASES = "io/newsflow/enrich/entity/place-aliases.tsv";
    private static final String VOWELS = "aeiouyąęóаеёиоуыэюяіїєьй";
    private static final int MIN_STEM = 4;
    private static final int MAX_ENDING = 3;
    /** The most words of a country's name looked up inflected word by word. */
    private static final int MAX_WORDS = 3;

    /**
     * A country's official long form, "République de Biélorussie", "Fédération de Russie", "Kingdom of Spain",
     * "Republik Österreich", "Республика Беларусь": a word for a form of state, a connector, then the country's short
     * name. It is the same country, so it carries the same reference and is counted with it. "State" and "Estado" are
     * left out: "Estado de México" is a state of Mexico, not Mexico.
     */
    private static final Pattern LONG_FORM = Pattern.compile("(?:république|fédération|royaume|principauté"
            + "|grand-duché|republic|federation|kingdom|principality|grand duchy|republik|föderation|königreich"
            + "|fürstentum|großherzogtum|república|federación|reino|principado|repubblica|federazione|regno"
            + "|principato|republiek|federatie|koninkrijk|vorstendom|groothertogdom|rzeczpospolita|republika"
            + "|federacja|królestwo|księstwo|республика|федерация|королевство|княжество|республіка|федерація"
            + "|королівство|князівство)"
            + "(?: (?:de la|de l'|de|d'|du|of the|of|der|des|del|di|della|dell'|van|do|da))? ?(\\S.*)");

    private final Map<String, Place> byName = new HashMap<>();
    private final Map<String, Place> byStem = new HashMap<>();
    private final Map<String, Place> byStemmedWords = new HashMap<>();
    private final Engine engine = new Engine("icu4j-cldr", VersionInfo.ICU_VERSION.toString());

    PlaceGazetteer(List<String> languages) {
        Map<String, Place> countries = new LinkedHashMap<>();
        for (String region : ULocale.getISOCountries()) {
            Map<String, String> names = new LinkedHashMap<>();
            ULocale place = new ULocale("", region);
            for (String language : languages) {
                String name = place.getDisplayCountry(new ULocale(language));
                if (!name.isBlank() && !name.equals(region)) {
                    names.put(language, name);
                }
            }
            if (!names.isEmpty()) {
                countries.put("iso3166:" + region, new Place("iso3166:" + region, true, names));
            }
        }
        addAliases(countries);
        countries.values().forEach(this::index);
        for (Place city : cities(languages)) {
            index(city);
        }
    }

    /** The engine whose data names the places, as recorded in each enriched article. */
    Engine engine() {
        return engine;
    }

    /** The place {@code name} (as written in a text of {@code language}) stands for, if any. */
    Optional<Place> lookup(String name, String language) {
        String key = normalise(name);
        Place exact = byName.get(key);
        if (exact == null && key.indexOf(' ') > 0) {
            Matcher longForm = LONG_FORM.matcher(key);
            Place state = longForm.matches() ? byName.get(longForm.group(1)) : null;
            if (state != null && state.country()) {
                return Optional.of(state);
            }
        }
        if (exact == null && INFLECTING.contains(language) && key.indexOf(' ') > 0) {
            return inflectedWords(key);
        }
        if (exact != null || !INFLECTING.contains(language) || key.indexOf(' ') >= 0) {
            return Optional.ofNullable(exact);
        }
        for (int cut = 1; cut <= MAX_ENDING && key.length() - cut >= MIN_STEM; cut++) {
            Place stemmed = byStem.get(key.substring(0, key.length() - cut));
            if (stemmed != null) {
                return Optional.of(stemmed);
            }
        }
        return Optional.ofNullable(byStem.get(key));
    }

    /**
     * A country's name of a few words with every word inflected: Великої Британії, Wielką Brytanią are Велика Британія,
     * Wielka Brytania. Each word is compared as a single-word name is, without its ending.
     */
    private Optional<Place> inflectedWords(String key) {
        String[] words = key.split(" ");
        if (words.length > MAX_WORDS) {
            return Optional.empty();
        }
        List<String> keys = List.of("");
        for (String word : words) {
            List<String> longer = new ArrayList<>();
            for (String prefix : keys) {
                for (int cut = 0; cut <= MAX_ENDING && word.length() - cut >= MIN_STEM; cut++) {
                    longer.add((prefix.isEmpty() ? "" : prefix + " ") + stem(word.substring(0, word.length() - cut)));
                }
            }
            keys = longer;
        }
        return keys.stream().map(byStemmedWords::get).filter(p -> p != null && p.country()).findFirst();
    }

    /**
     * True when {@code word} is not a place but a word made from a place name with a suffix: Belarusian, Russian,
     * Ukrainian. Such adjectives describe; they name nothing an article is about.
     */
    boolean derivesFromPlace(String word) {
        String key = normalise(word);
        if (byName.containsKey(key) || key.indexOf(' ') >= 0) {
            return false;
        }
        for (int cut = 1; cut <= 4 && key.length() - cut >= 5; cut++) {
            String base = key.substring(0, key.length() - cut);
            if (byName.containsKey(base) || byStem.containsKey(base)) {
                return true;
            }
        }
        return false;
    }

    private void index(Place place) {
        for (String name : place.names().values()) {
            String key = normalise(name);
            // A name shared by a country and a city (Singapore, Luxembourg) is the country: countries are indexed first.
            byName.putIfAbsent(key, place);
            if (key.indexOf(' ') > 0 && place.country()) {
                byStemmedWords.putIfAbsent(String.join(" ",
                        Arrays.stream(key.split(" ")).map(PlaceGazetteer::stem).toList()), place);
            }
            if (key.indexOf(' ') < 0) {
                String stem = stem(key);
                if (stem.length() >= MIN_STEM) {
                    byStem.putIfAbsent(stem, place);
                }
            }
        }
    }

    private static List<Place> cities(List<String> languages) {
        Map<String, Map<String, String>> byZone = new LinkedHashMap<>();
        Map<String, TimeZoneNames> zoneNames = new LinkedHashMap<>();
        languages.forEach(l -> zoneNames.put(l, TimeZoneNames.getInstance(new ULocale(l))));
        for (String id : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.ANY, null, null)) {
            // Antarctic stations and US county seats ("Casey", "Knox", "Center") are names of people and words first.
            if (id.startsWith("Antarctica/") || id.split("/").length > 2 || !id.contains("/") || id.startsWith("Etc/")) {
                continue;
            }
            // A zone's old id names the same city under its old name (Europe/Kiev: Kiev, Kiew, Киев) or another city
            // whose clocks follow it (Europe/Belfast, Australia/Victoria): each id is a place of its own, so that
            // "London" is never named "Belfast" nor a lone "Victoria" "Melbourne".
            Map<String, String> names = byZone.computeIfAbsent(id, z -> new LinkedHashMap<>());
            zoneNames.forEach((language, tzNames) -> {
                String name = tzNames.getExemplarLocationName(id);
                if (name != null && !name.isBlank()) {
                    names.putIfAbsent(language, name);
                }
            });
        }
        return byZone.values().stream().filter(n -> !n.isEmpty()).map(n -> new Place(null, false, n)).toList();
    }

    private static void addAliases(Map<String, Place> countries) {
        try (InputStream in = PlaceGazetteer.class.getClassLoader().getResourceAsStream(ALIASES)) {
            if (in == null) {
                throw new IllegalStateException(ALIASES + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                Place country = fields.length == 3 ? countries.get(fields[0].strip()) : null;
                if (country == null) {
                    throw new IllegalStateException(ALIASES + " line " + number
                            + ": expected a known iso3166:XX reference, a language and a name, was: " + line);
                }
                country.names().putIfAbsent(fields[1].strip() + "#alias:" + fields[2].strip(), fields[2].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).replace('’', '\'').strip().toLowerCase(Locale.ROOT);
    }

    private static String stem(String key) {
        String stem = key;
        while (!stem.isEmpty() && VOWELS.indexOf(stem.charAt(stem.length() - 1)) >= 0 && stem.length() > MIN_STEM) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }
}
