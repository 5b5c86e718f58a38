package io.newsflow.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.enrich.place.PlaceResolver;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.places.PlaceIndex;

/**
 * Every name of the hand-written place list, alone as a location in an article of its language: the share linked to
 * the listed ref. Alone means no evidence from other places, the hardest case for names several places share.
 */
class PlaceListLinkingTest {

    @Test
    void listedNamesInTenLanguagesAndTwoScriptsLinkToTheirPlace() {
        List<PlaceLinks.Listed> listed = PlaceLinks.list();
        PlaceResolver resolver = new PlaceResolver(PlaceIndex.load(), ShippedPipeline.config().languages());
        int right = 0;
        int wrong = 0;
        List<String> misses = new ArrayList<>();
        for (PlaceLinks.Listed place : listed) {
            Entity entity = new Entity(place.name(), EntityType.LOCATION, null, 1, List.of(place.name()), 0);
            String ref = resolver.resolve(List.of(entity), place.language()).get(0).ref();
            if (place.ref().equals(ref)) {
                right++;
            } else {
                if (ref != null) {
                    wrong++;
                }
                misses.add(place.language() + " " + place.name() + " → " + ref);
            }
        }
        System.out.printf("place list: %d names, %d right (%.1f%%), %d wrong; not right: %s%n", listed.size(), right,
                100.0 * right / listed.size(), wrong, misses);
        assertThat(listed.stream().map(PlaceLinks.Listed::language).distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat((double) right / listed.size()).isGreaterThanOrEqualTo(0.95);
        assertThat((double) wrong / listed.size()).isLessThanOrEqualTo(0.02);
    }
}
