package io.newsflow.enrich.entity;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import edu.stanford.nlp.ie.AbstractSequenceClassifier;
import edu.stanford.nlp.ie.ClassifierCombiner;
import edu.stanford.nlp.ie.NERFeatureFactory;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.AnnotationPipeline;
import edu.stanford.nlp.pipeline.NERCombinerAnnotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sequences.Clique;
import edu.stanford.nlp.sequences.FeatureFactory;
import edu.stanford.nlp.util.PaddedList;

/**
 * Makes a CRF model with a "clean" gazette as fast as the others, with the same features.
 *
 * <p>For every token, CoreNLP's {@link NERFeatureFactory} takes every gazette entry that contains the token's word and
 * compares the whole entry with the words around the token; an entry that matches gives a feature. CoreNLP's Italian
 * model carries a gazette of about 400,000 words in which "di" occurs in 244,000 entries, "-" in 165,000 and "della"
 * in 17,000, so each such token costs hundreds of thousands of comparisons: 150–500 tokens a second, against
 * 30,000–55,000 for the models without a gazette. This index answers the same question from the position of the word
 * in the entry, the entry's length and the neighbouring word the entry needs: only entries whose neighbour is there are
 * compared, and the comparison itself stays CoreNLP's. The features, hence the tags, are exactly the same
 * ({@code GazetteIndexTest} compares them over the evaluation texts).
 *
 * <p>The feature factory learns which token it is asked about from a wrapper around it, which CoreNLP calls for each
 * token before it looks the token's word up ({@link ContextSettingFactory}); the lookup then reads that token's
 * neighbours. CoreNLP keeps the gazette and the factories in non-public fields, read here by reflection: a CoreNLP
 * upgrade that renames them fails at startup, naming the field, and {@code GazetteIndexTest} fails with it.
 */
final class GazetteIndex {

    /** The token whose features are being computed on this thread, and its sentence. */
    private static final class Position {
        PaddedList<CoreLabel> tokens;
        int index;
    }

    private static final ThreadLocal<Position> CURRENT = ThreadLocal.withInitial(Position::new);

    private static final String INFO_CLASS = "edu.stanford.nlp.ie.NERFeatureFactory$GazetteInfo";

    private GazetteIndex() {
    }

    /**
     * Replaces the gazette lookup of every clean-gazette feature factory of {@code pipeline}'s NER classifiers.
     *
     * @return how many feature factories now use the index
     */
    static int install(StanfordCoreNLP pipeline) {
        int installed = 0;
        List<?> annotators = read(AnnotationPipeline.class, pipeline, "annotators", List.class);
        for (Object annotator : annotators) {
            if (!(annotator instanceof NERCombinerAnnotator ner)) {
                continue;
            }
            ClassifierCombiner<?> combiner = read(NERCombinerAnnotator.class, ner, "ner", ClassifierCombiner.class);
            for (Object base : read(ClassifierCombiner.class, combiner, "baseClassifiers", List.class)) {
                installed += install((AbstractSequenceClassifier<?>) base);
            }
        }
        return installed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int install(AbstractSequenceClassifier<?> classifier) {
        if (!classifier.flags.useGazettes || !classifier.flags.cleanGazette) {
            return 0;
        }
        int installed = 0;
        List factories = classifier.featureFactories;
        for (int i = 0; i < factories.size(); i++) {
            Object factory = factories.get(i);
            if (factory instanceof NERFeatureFactory<?> features) {
                Map<String, Collection<Object>> infos = read(NERFeatureFactory.class, features, "wordToGazetteInfos",
                        Map.class);
                if (infos.isEmpty() || infos instanceof Lookup) {
                    continue;
                }
                write(NERFeatureFactory.class, features, "wordToGazetteInfos",
                        new Lookup(infos, word(classifier.flags.wordFunction)));
                factories.set(i, new ContextSettingFactory((FeatureFactory<CoreLabel>) factory));
                installed++;
            }
        }
        return installed;
    }

    /** The word of a token as {@link NERFeatureFactory} compares it with gazette entries. */
    private static Function<CoreLabel, String> word(Function<String, String> wordFunction) {
        return token -> {
            String word = token.getString(CoreAnnotations.TextAnnotation.class);
            return wordFunction == null || word == null ? word : wordFunction.apply(word);
        };
    }

    /** Tells the lookup which token is being featurised, then lets CoreNLP's factory do its work unchanged. */
    private static final class ContextSettingFactory extends FeatureFactory<CoreLabel> {

        private static final long serialVersionUID = 1L;
        private final FeatureFactory<CoreLabel> inner;

        ContextSettingFactory(FeatureFactory<CoreLabel> inner) {
            this.inner = inner;
        }

        @Override
        public Collection<String> getCliqueFeatures(PaddedList<CoreLabel> tokens, int index, Clique clique) {
            Position position = CURRENT.get();
            PaddedList<CoreLabel> outerTokens = position.tokens;
            int outerIndex = position.index;
            position.tokens = tokens;
            position.index = index;
            try {
                return inner.getCliqueFeatures(tokens, index, clique);
            } finally {
                position.tokens = outerTokens;
                position.index = outerIndex;
            }
        }
    }

    /**
     * The gazette, word → entries containing it, grouped by the word's position in the entry and the entry's length,
     * then by the neighbouring word the entry needs (the next one, or the previous one for an entry's last word).
     * {@link #get} returns the entries whose neighbour is the current token's: a superset of those that match, each of
     * which CoreNLP then compares whole as before.
     *
     * <p>Memory: CoreNLP keeps every word of every entry, and every entry's feature name, as a string of its own (7.7
     * million strings for 400,000 distinct words and a few feature names) and every word's entries in a hash set; the
     * index keeps each distinct string once (the entries are pointed at the shared copies, which compare equal) and the
     * entries in arrays.
     */
    private static final class Lookup extends AbstractMap<String, Collection<Object>> {

        /** The entries of one word at one position in entries of one length, by the neighbour they need. */
        private record Group(int loc, int length, String[] neighbours, Object[][] entries) {

            Object[] withNeighbour(String neighbour) {
                int at = Arrays.binarySearch(neighbours, neighbour);
                return at >= 0 ? entries[at] : null;
            }
        }

        private final Map<String, Group[]> index = new HashMap<>();
        private final Function<CoreLabel, String> word;

        Lookup(Map<String, Collection<Object>> infos, Function<CoreLabel, String> word) {
            this.word = word;
            Field locField = field(INFO_CLASS, "loc");
            Field wordsField = field(INFO_CLASS, "words");
            Field featureField = field(INFO_CLASS, "feature");
            Map<String, String> canonical = new HashMap<>();
            try {
                for (Map.Entry<String, Collection<Object>> entry : infos.entrySet()) {
                    Map<Long, Map<String, List<Object>>> groups = new HashMap<>();
                    for (Object info : entry.getValue()) {
                        int loc = locField.getInt(info);
                        featureField.set(info, canonical.computeIfAbsent((String) featureField.get(info), f -> f));
                        String[] words = (String[]) wordsField.get(info);
                        for (int i = 0; i < words.length; i++) {
                            words[i] = canonical.computeIfAbsent(words[i], w -> w);
                        }
                        String neighbour = words.length == 1 ? "" : loc + 1 < words.length ? words[loc + 1]
                                : words[loc - 1];
                        groups.computeIfAbsent(((long) loc << 32) | words.length, k -> new TreeMap<>())
                                .computeIfAbsent(neighbour, n -> new ArrayList<>()).add(info);
                    }
                    List<Group> compact = new ArrayList<>(groups.size());
                    groups.forEach((key, byNeighbour) -> compact.add(new Group((int) (key >>> 32), (int) (long) key,
                            byNeighbour.keySet().toArray(String[]::new),
                            byNeighbour.values().stream().map(List::toArray).toArray(Object[][]::new))));
                    index.put(canonical.computeIfAbsent(entry.getKey(), w -> w), compact.toArray(Group[]::new));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read CoreNLP's gazette entries", e);
            }
        }

        @Override
        public Collection<Object> get(Object key) {
            Group[] groups = index.get(key);
            if (groups == null) {
                return null;
            }
            Position position = CURRENT.get();
            if (position.tokens == null) {
                return everyEntry(groups);
            }
            List<Object> candidates = new ArrayList<>();
            for (Group group : groups) {
                Object[] entries;
                if (group.length() == 1) {
                    entries = group.entries()[0];
                } else {
                    int offset = group.loc() + 1 < group.length() ? 1 : -1;
                    String neighbour = word.apply(position.tokens.get(position.index + offset));
                    entries = neighbour == null ? null : group.withNeighbour(neighbour);
                }
                if (entries != null) {
                    candidates.addAll(Arrays.asList(entries));
                }
            }
            return candidates;
        }

        /** Every entry of a word, for a caller that does not say which token it is about. */
        private static List<Object> everyEntry(Group[] groups) {
            List<Object> entries = new ArrayList<>();
            for (Group group : groups) {
                for (Object[] withNeighbour : group.entries()) {
                    entries.addAll(Arrays.asList(withNeighbour));
                }
            }
            return entries;
        }

        @Override
        public boolean containsKey(Object key) {
            return index.containsKey(key);
        }

        @Override
        public int size() {
            return index.size();
        }

        @Override
        public Set<Map.Entry<String, Collection<Object>>> entrySet() {
            Set<Map.Entry<String, Collection<Object>>> entries = new LinkedHashSet<>();
            index.forEach((w, groups) -> entries.add(Map.entry(w, everyEntry(groups))));
            return entries;
        }
    }

    private static Field field(String className, String name) {
        try {
            Field field = Class.forName(className, false, GazetteIndex.class.getClassLoader()).getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("CoreNLP's " + className + "." + name + " is not there: " + e, e);
        }
    }

    private static <T> T read(Class<?> owner, Object target, String name, Class<T> type) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(target));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("CoreNLP's " + owner.getName() + "." + name + " is not there: " + e, e);
        }
    }

    private static void write(Class<?> owner, Object target, String name, Object value) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("CoreNLP's " + owner.getName() + "." + name + " cannot be set: " + e, e);
        }
    }
}
