package io.newsflow.devstack.bench;

import java.util.List;

/**
 * The words the corpus generator writes one language with. Sentences and headlines are templates whose slots are
 * filled with names, so that the entity recogniser meets people, organisations and places in the positions and
 * contexts a news article puts them: {@code {person}} and {@code {person2}} (a first and a last name),
 * {@code {surname}} (the last name of {@code {person}}, as a second mention), {@code {org}}, {@code {org2}},
 * {@code {place}}, {@code {place2}}, {@code {number}} (a count) and {@code {day}} (a weekday).
 */
public record LanguagePack(String code, List<String> firstNames, List<String> lastNames,
        List<String> organisations, List<String> places, List<String> days, List<String> headlines,
        List<String> sentences) {

    public LanguagePack {
        firstNames = List.copyOf(firstNames);
        lastNames = List.copyOf(lastNames);
        organisations = List.copyOf(organisations);
        places = List.copyOf(places);
        days = List.copyOf(days);
        headlines = List.copyOf(headlines);
        sentences = List.copyOf(sentences);
    }
}
