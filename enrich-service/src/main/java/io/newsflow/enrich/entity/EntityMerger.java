package io.newsflow.enrich.entity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

/**
 * Turns the mentions one engine found in an article into entities: cleans each mention (honorifics off, pronouns and
 * lower-case words out, MISC adjectives made from place names such as "Russian" out), lets the gazetteer type and reference known places, and merges the mentions of one entity
 * under one canonical name — "Vladimir Poutine", "Poutine" and "M. Poutine" are one person with three mentions.
 */
final class EntityMerger {

    private final PlaceGazetteer gazetteer;

    EntityMerger(PlaceGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    List<Entity> merge(List<Mention> found, String language) {
        boolean inflecting = PlaceGazetteer.INFLECTING.contains(language);
        List<Mention> mentions = found.stream()
                .map(EntityMerger::clean)
                .flatMap(Optional::stream)
                .map(m -> m.type() != EntityType.ORGANIZATION && Names.isInstitutionHead(m.text())
                        ? new Mention(m.text(), m.begin(), m.end(), EntityType.ORGANIZATION)
                        : m)
                .filter(m -> !(m.type() == EntityType.MISC && gazetteer.derivesFromPlace(m.text())))
                .toList();

        List<List<String>> fullNames = mentions.stream()
                .filter(m -> m.type() == EntityType.PERSON)
                .map(m -> Names.words(m.text()))
                .filter(words -> words.size() > 1)
                .toList();

        List<Group> groups = new ArrayList<>();
        Map<PlaceGazetteer.Place, Group> places = new IdentityHashMap<>();
        for (Mention mention : mentions) {
            List<String> words = Names.words(mention.text());
            boolean partOfAFullName = words.size() == 1 && fullNames.stream()
                    .anyMatch(full -> Names.sameSurname(full.get(full.size() - 1), words.get(0), inflecting));
            Optional<PlaceGazetteer.Place> place = partOfAFullName
                    ? Optional.empty()
                    : gazetteer.lookup(mention.text(), language);
            if (place.isPresent()) {
                Group group = places.computeIfAbsent(place.get(), p -> {
                    Group g = new Group(p.name(language), EntityType.LOCATION, p.ref());
                    groups.add(g);
                    return g;
                });
                group.add(mention);
                continue;
            }
            Group group = groups.stream()
                    .filter(g -> g.ref == null && g.fixedType == null && g.matches(words, inflecting))
                    .findFirst()
                    .orElseGet(() -> {
                        Group g = new Group(null, null, null);
                        groups.add(g);
                        return g;
                    });
            group.add(mention);
        }
        return groups.stream().map(Group::toEntity).sorted((a, b) -> a.firstOffset() - b.firstOffset())
                .toList();
    }

    /** The mention without honorifics and surrounding punctuation, or nothing when what is left is no name. */
    static Optional<Mention> clean(Mention mention) {
        String text = mention.text();
        int begin = 0;
        int end = text.length();
        while (true) {
            while (begin < end && !Character.isLetterOrDigit(text.codePointAt(begin))) {
                begin++;
            }
            while (end > begin && !Character.isLetterOrDigit(text.codePointBefore(end)) && text.charAt(end - 1) != '.') {
                end--;
            }
            int space = text.indexOf(' ', begin);
            if (space > 0 && space < end) {
                String first = text.substring(begin, space);
                if (Names.isHonorific(first)
                        || mention.type() == EntityType.PERSON && Names.isLowerCaseTitle(first)) {
                    begin = space + 1;
                    continue;
                }
                if (Names.isLowerCaseTitle(first)) {
                    return Optional.empty();
                }
            }
            break;
        }
        String name = text.substring(begin, end);
        if (name.isEmpty() || Names.isHonorific(name) || Names.isPronoun(name) || !Names.hasCapital(name)) {
            return Optional.empty();
        }
        return Optional.of(new Mention(name, mention.begin() + begin, mention.begin() + end, mention.type()));
    }

    private static final class Group {
        final String placeName;
        final EntityType fixedType;
        final String ref;
        final List<Mention> mentions = new ArrayList<>();

        Group(String placeName, EntityType fixedType, String ref) {
            this.placeName = placeName;
            this.fixedType = fixedType;
            this.ref = ref;
        }

        void add(Mention mention) {
            mentions.add(mention);
        }

        /**
         * The same name, or a person's surname alone where the group holds the full name (or the reverse): "Poutine"
         * and "Vladimir Poutine".
         */
        boolean matches(List<String> words, boolean inflecting) {
            for (Mention mention : mentions) {
                List<String> known = Names.words(mention.text());
                if (Names.sameName(known, words, inflecting)) {
                    return true;
                }
                boolean person = mention.type() == EntityType.PERSON;
                if (person && known.size() > 1 && words.size() == 1
                        && Names.sameSurname(known.get(known.size() - 1), words.get(0), inflecting)) {
                    return true;
                }
                if (known.size() == 1 && words.size() > 1
                        && Names.sameSurname(words.get(words.size() - 1), known.get(0), inflecting)) {
                    return true;
                }
            }
            return false;
        }

        Entity toEntity() {
            EntityType type = fixedType != null ? fixedType : votedType();
            String name = placeName != null ? placeName : canonicalName();
            Set<String> surfaceForms = new LinkedHashSet<>();
            mentions.forEach(m -> surfaceForms.add(m.text()));
            int first = mentions.stream().mapToInt(Mention::begin).min().orElseThrow();
            return new Entity(name, type, ref, mentions.size(), List.copyOf(surfaceForms), first);
        }

        /** A full name beats a surname; otherwise the type most mentions were given, the earliest on a tie. */
        private EntityType votedType() {
            if (mentions.stream().anyMatch(m -> m.type() == EntityType.PERSON && Names.words(m.text()).size() > 1)) {
                return EntityType.PERSON;
            }
            Map<EntityType, Integer> votes = new EnumMap<>(EntityType.class);
            mentions.forEach(m -> votes.merge(m.type(), 1, Integer::sum));
            EntityType best = mentions.get(0).type();
            for (Mention mention : mentions) {
                if (votes.get(mention.type()) > votes.get(best)) {
                    best = mention.type();
                }
            }
            return best;
        }

        /** The longest form (the full name), the earliest among equally long ones. */
        private String canonicalName() {
            Mention best = mentions.get(0);
            for (Mention mention : mentions) {
                if (Names.words(mention.text()).size() > Names.words(best.text()).size()) {
                    best = mention;
                }
            }
            return best.text();
        }
    }
}
