package io.newsflow.enrich.entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

/**
 * One article of the entity evaluation set ({@code eval/ner/<lang>.txt}, title line, blank line, body) and its gold
 * entities ({@code <lang>.gold.tsv}).
 *
 * <p>Matching is type-aware and lenient on span boundaries: an entity matches a gold name when one of its forms equals
 * it or contains it (or is contained in it) as whole words — "Institut" matches "Institut pour l'étude de la guerre".
 * For the Russian and Ukrainian files, whose names are inflected in the text, the gold gives a stem and an entity
 * matches when one of its words starts with it.
 */
record NerEvalSet(String language, String text, List<Gold> gold) {

    record Gold(String name, Set<EntityType> types, boolean stem) {

        boolean matches(Entity entity) {
            if (!types.contains(entity.type())) {
                return false;
            }
            List<String> forms = new ArrayList<>(entity.surfaceForms());
            forms.add(entity.name());
            String wanted = words(name);
            for (String form : forms) {
                String found = words(form);
                if (stem) {
                    if (Arrays.stream(found.strip().split(" ")).anyMatch(w -> w.startsWith(wanted.strip()))) {
                        return true;
                    }
                } else if (found.contains(wanted) || wanted.contains(found)) {
                    return true;
                }
            }
            return false;
        }

        /** Lower case, punctuation as spaces, padded, so that containment is containment of whole words. */
        private static String words(String s) {
            return " " + s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip() + " ";
        }
    }

    static NerEvalSet load(String language) {
        String text = read("eval/ner/" + language + ".txt").strip();
        List<Gold> gold = read("eval/ner/" + language + ".gold.tsv").lines()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    String[] f = line.split("\t");
                    return f.length == 3
                            ? new Gold(f[2].strip(), types(f[1]), true)
                            : new Gold(f[1].strip(), types(f[0]), false);
                })
                .toList();
        return new NerEvalSet(language, text, gold);
    }

    private static Set<EntityType> types(String field) {
        return Arrays.stream(field.strip().split("\\|")).map(t -> switch (t) {
            case "PER" -> EntityType.PERSON;
            case "ORG" -> EntityType.ORGANIZATION;
            case "LOC" -> EntityType.LOCATION;
            case "MISC" -> EntityType.MISC;
            default -> throw new IllegalStateException("unknown gold type " + t);
        }).collect(Collectors.toUnmodifiableSet());
    }

    private static String read(String resource) {
        try (InputStream in = NerEvalSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
