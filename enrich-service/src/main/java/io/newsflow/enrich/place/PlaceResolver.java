package io.newsflow.enrich.place;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.util.ULocale;

import io.newsflow.events.Engine;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.Geo;
import io.newsflow.places.PlaceIndex;

/**
 * Links the locations of one article to GeoNames places: a ref ({@code iso3166:XX}, {@code iso3166-2:XX-YY},
 * {@code geonames:<id>}) and where the place is. Only mentions the recogniser typed LOCATION are linked: every first
 * name is a village somewhere, so a person "Victoria" stays a person without a ref.
 *
 * <p>Names: every name of the place index (GeoNames alternate names, ISO 3166 names in 18 languages) and CLDR's name
 * of every country in the configured languages.
 *
 * <p>The rule, by evidence rather than first match:
 * <ol>
 *   <li>The candidates of a location are the places any of its surface forms names (after inflection endings are
 *       undone, see {@link Inflections}, when no form names a place as written). A location that already carries a
 *       country ref keeps it. Names of continents and world regions (CLDR) are no place, and neither is a location
 *       written only as a word of a person's name in the same article ("Victoria" after "Victoria Beckham").</li>
 *   <li>Locations with a single candidate anchor the article: their countries and subdivisions are its evidence.
 *       A lone candidate that is a city under {@value #UNSUPPORTED_MIN_WEIGHT} inhabitants is linked only when other
 *       evidence supports it, and is no evidence itself: "North Sea" is a hamlet in New York, and would otherwise
 *       pull Rotterdam and Antwerp there. The article's language is no evidence either. Then what the other locations point to on that evidence (by the
 *       rules below) is added to it, and they are decided again.</li>
 *   <li>For the others, each candidate scores the decimal logarithm of its weight, plus 4 when the article names
 *       its subdivision or places in it, plus 2 when it names its country or places in it. Weight is the population, ten times for a
 *       capital; a first-level subdivision weighs a million, a country a billion. A city beats the subdivision of the
 *       same name it lies in ("New York"). The best wins when it leads by a factor {@value #DOMINANCE} (log10 of it):
 *       "Paris" is the French capital, unless the article names Texas or Dallas; "Georgia" is the country unless the
 *       article names places in the state; Rome, New York stays behind Rome in a story about the United States.</li>
 *   <li>A place no evidence supports needs at least {@value #UNSUPPORTED_MIN_WEIGHT} weight. Anything still tied
 *       gets no ref: no ref is better than a wrong one.</li>
 * </ol>
 */
public final class PlaceResolver {

    static final int DOMINANCE = 3;
    static final long UNSUPPORTED_MIN_WEIGHT = 20_000;
    private static final long SUBDIVISION_WEIGHT = 1_000_000;
    private static final long COUNTRY_WEIGHT = 1_000_000_000;
    private static final int SUBDIVISION_BONUS = 4;
    private static final int COUNTRY_BONUS = 2;
    private static final int CAPITAL_FACTOR = 10;

    private static final int IN_SUBDIVISION = 3;
    private static final int IN_COUNTRY = 2;

    private final PlaceIndex index;
    private final Set<String> regions = new HashSet<>();
    /** CLDR's name of every country in every configured language, beside the index's ISO 3166 names. */
    private final Map<String, Integer> countryNames = new HashMap<>();
    private final Engine engine;
    private final SpoofChecker scripts = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    /** @param languages languages whose names of continents and world regions are no place */
    public PlaceResolver(PlaceIndex index, List<String> languages) {
        this.index = index;
        this.engine = new Engine("geonames-cities500", index.source());
        Set<String> all = new LinkedHashSet<>(languages);
        all.add("en");
        for (int code = 1; code < 1000; code++) {
            String region = String.format("%03d", code);
            for (String language : all) {
                String name = new ULocale("", region).getDisplayCountry(new ULocale(language));
                if (!name.isBlank() && !name.equals(region)) {
                    regions.add(PlaceIndex.normalise(name));
                }
            }
        }
        for (String code : ULocale.getISOCountries()) {
            int country = index.byRef("iso3166:" + code);
            if (country < 0) {
                continue;
            }
            for (String language : all) {
                String name = new ULocale("", code).getDisplayCountry(new ULocale(language));
                if (!name.isBlank() && !name.equals(code)) {
                    countryNames.putIfAbsent(PlaceIndex.normalise(name), country);
                }
            }
        }
        for (String union : List.of("EU", "EZ", "UN", "QO")) {
            all.forEach(l -> regions.add(PlaceIndex.normalise(new ULocale("", union).getDisplayCountry(new ULocale(l)))));
        }
    }

    /** The engine whose data links the places, as recorded in each enriched article. */
    public Engine engine() {
        return engine;
    }

    /** The entities of one article, locations linked where the evidence allows it; the others unchanged. */
    public List<Entity> resolve(List<Entity> entities, String language) {
        Set<String> personWords = new HashSet<>();
        for (Entity entity : entities) {
            if (entity.type() == EntityType.PERSON) {
                for (String word : PlaceIndex.normalise(entity.name()).split("[ -]")) {
                    personWords.add(word);
                }
            }
        }
        int[][] candidates = new int[entities.size()][];
        Set<Integer> countries = new HashSet<>();
        Set<Integer> subdivisions = new HashSet<>();
        int[] chosen = new int[entities.size()];
        Arrays.fill(chosen, -1);
        for (int i = 0; i < entities.size(); i++) {
            Entity entity = entities.get(i);
            if (entity.type() != EntityType.LOCATION) {
                continue;
            }
            int known = entity.ref() != null ? index.byRef(entity.ref()) : -1;
            if (known < 0 && entity.surfaceForms().stream().allMatch(f -> personWords.contains(PlaceIndex.normalise(f)))) {
                continue;
            }
            candidates[i] = known >= 0 ? new int[] {known} : candidates(entity, language);
            // A lone small place is evidence only once something else supports it (below).
            if (candidates[i].length == 1 && (known >= 0 || standsAlone(candidates[i][0]))) {
                chosen[i] = candidates[i][0];
                countries.add(index.country(chosen[i]));
                if (index.subdivision(chosen[i]) >= 0) {
                    subdivisions.add(index.subdivision(chosen[i]));
                }
            }
        }
        // What the unanchored locations point to on the anchors' evidence alone is evidence in turn: "Atlanta" is
        // Atlanta, Georgia by its size, and so places the article in the US before "Georgia" is decided.
        int[] tentative = new int[entities.size()];
        Arrays.fill(tentative, -1);
        for (int i = 0; i < entities.size(); i++) {
            if (chosen[i] < 0 && candidates[i] != null && candidates[i].length > 1) {
                int place = choose(candidates[i], countries, subdivisions);
                if (place >= 0 && index.kind(place) != PlaceIndex.Kind.COUNTRY) {
                    tentative[i] = place;
                }
            }
        }
        List<Entity> linked = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            Entity entity = entities.get(i);
            int place = chosen[i];
            if (place < 0 && candidates[i] != null) {
                // A location is no evidence for itself.
                Set<Integer> otherCountries = new HashSet<>(countries);
                Set<Integer> otherSubdivisions = new HashSet<>(subdivisions);
                for (int j = 0; j < entities.size(); j++) {
                    if (j != i && tentative[j] >= 0) {
                        otherCountries.add(index.country(tentative[j]));
                        otherSubdivisions.add(index.subdivision(tentative[j]));
                    }
                }
                if (candidates[i].length == 1
                        && support(candidates[i][0], otherCountries, otherSubdivisions) > 0) {
                    place = candidates[i][0];
                } else if (candidates[i].length > 1) {
                    place = choose(candidates[i], otherCountries, otherSubdivisions);
                }
            }
            linked.add(place < 0 ? entity : entity.withPlace(index.ref(place), geo(place)));
        }
        return linked;
    }

    private boolean standsAlone(int place) {
        return index.kind(place) != PlaceIndex.Kind.CITY || weight(place) >= UNSUPPORTED_MIN_WEIGHT;
    }

    /** Where {@code ref} is, or null when the index does not know it. */
    public Geo geo(String ref) {
        int place = index.byRef(ref);
        return place < 0 ? null : geo(place);
    }

    private Geo geo(int place) {
        long population = index.population(place);
        return new Geo(round(index.lat(place)), round(index.lon(place)), index.countryCode(place),
                index.featureClass(place), index.featureCode(place), population < 0 ? null : population);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }

    private int[] candidates(Entity entity, String language) {
        // The forms as written: the canonical name may be a gazetteer's, of another place in the same time zone.
        Set<String> forms = new LinkedHashSet<>(entity.surfaceForms());
        if (forms.isEmpty()) {
            forms.add(entity.name());
        }
        List<String> keys = new ArrayList<>();
        for (String form : forms) {
            if (form.length() > PlaceIndex.MAX_NAME_CHARS || scripts.failsChecks(form)) {
                continue;
            }
            String key = PlaceIndex.normalise(form);
            if (!regions.contains(key)) {
                keys.add(key);
            }
        }
        Set<Integer> found = new LinkedHashSet<>();
        for (String key : keys) {
            Integer country = countryNames.get(key);
            if (country != null) {
                found.add(country);
            }
            Arrays.stream(index.lookupKey(key)).forEach(found::add);
        }
        if (found.isEmpty()) {
            for (String key : keys) {
                for (String base : Inflections.bases(key, language)) {
                    if (regions.contains(base)) {
                        continue;
                    }
                    int[] places = index.lookupKey(base);
                    Integer country = countryNames.get(base);
                    if (places.length > 0 || country != null) {
                        Arrays.stream(places).forEach(found::add);
                        if (country != null) {
                            found.add(country);
                        }
                        break;
                    }
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private int choose(int[] candidates, Set<Integer> countries, Set<Integer> subdivisions) {
        List<Integer> left = new ArrayList<>();
        for (int place : candidates) {
            left.add(place);
        }
        // A city over the subdivision of the same name it lies in.
        left.removeIf(p -> index.kind(p) == PlaceIndex.Kind.SUBDIVISION && candidatesContainCityIn(left, p));
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double secondScore = Double.NEGATIVE_INFINITY;
        for (int place : left) {
            double score = score(place, countries, subdivisions);
            if (score > bestScore) {
                secondScore = bestScore;
                bestScore = score;
                best = place;
            } else if (score > secondScore) {
                secondScore = score;
            }
        }
        if (bestScore - secondScore < Math.log10(DOMINANCE)) {
            return -1;
        }
        boolean supported = support(best, countries, subdivisions) > 0;
        return supported || weight(best) >= UNSUPPORTED_MIN_WEIGHT ? best : -1;
    }

    /**
     * The decimal logarithm of the weight, plus {@value #SUBDIVISION_BONUS} when the article names the place's
     * subdivision (or places in it) and {@value #COUNTRY_BONUS} when it names its country: a place named within the
     * story's region beats one ten thousand times its size, one in the story's country one a hundred times its size.
     */
    private double score(int place, Set<Integer> countries, Set<Integer> subdivisions) {
        double bonus = switch (support(place, countries, subdivisions)) {
            case IN_SUBDIVISION -> SUBDIVISION_BONUS;
            case IN_COUNTRY -> COUNTRY_BONUS;
            default -> 0;
        };
        return Math.log10(Math.max(1, weight(place))) + bonus;
    }

    private boolean candidatesContainCityIn(List<Integer> places, int subdivision) {
        return places.stream().anyMatch(p -> index.kind(p) == PlaceIndex.Kind.CITY && index.subdivision(p) == subdivision);
    }

    /** How strongly the other places of the article support {@code place}: 0 when nothing does. */
    private int support(int place, Set<Integer> countries, Set<Integer> subdivisions) {
        int subdivision = index.subdivision(place);
        int country = index.country(place);
        if (subdivision >= 0 && subdivisions.contains(subdivision)) {
            return IN_SUBDIVISION;
        }
        if (countries.contains(country)) {
            return IN_COUNTRY;
        }
        return 0;
    }

    private long weight(int place) {
        return switch (index.kind(place)) {
            case COUNTRY -> COUNTRY_WEIGHT;
            case SUBDIVISION -> SUBDIVISION_WEIGHT;
            case CITY -> index.featureCode(place).equals("PPLC")
                    ? index.population(place) * CAPITAL_FACTOR
                    : index.population(place);
        };
    }
}
