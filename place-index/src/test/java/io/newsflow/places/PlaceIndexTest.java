package io.newsflow.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlaceIndexTest {

    private static PlaceIndex index;

    @BeforeAll
    static void load() {
        index = PlaceIndex.load();
    }

    @Test
    void namesInAnyScriptLeadToTheSamePlace() {
        int kyiv = index.byRef("geonames:703448");
        for (String name : new String[] {"Kyiv", "Kiev", "Київ", "Киев", "Kijów", "Kiew"}) {
            assertThat(index.lookup(name)).as(name).contains(kyiv);
        }
        assertThat(index.ref(kyiv)).isEqualTo("geonames:703448");
        assertThat(index.countryCode(kyiv)).isEqualTo("UA");
        assertThat(index.lat(kyiv)).isBetween(50.0, 51.0);
        assertThat(index.featureCode(kyiv)).isEqualTo("PPLC");
        assertThat(index.population(kyiv)).isGreaterThan(2_000_000);
    }

    @Test
    void countriesAndSubdivisionsHaveIsoRefsAndTheirCapitalsPoint() {
        int belarus = index.byRef("iso3166:BY");
        assertThat(index.lookup("Biélorussie")).contains(belarus);
        assertThat(index.lookup("Белоруссия")).contains(belarus);
        assertThat(index.kind(belarus)).isEqualTo(PlaceIndex.Kind.COUNTRY);
        assertThat(index.lat(belarus)).isBetween(53.0, 55.0);
        int texas = index.byRef("iso3166-2:US-TX");
        assertThat(index.lookup("Texas")).contains(texas);
        assertThat(index.countryCode(texas)).isEqualTo("US");
        int parisTexas = Arrays.stream(index.lookup("Paris"))
                .filter(p -> index.subdivision(p) == texas).findFirst().orElseThrow();
        assertThat(index.population(parisTexas)).isLessThan(100_000);
        assertThat(index.lookup("Georgia")).contains(index.byRef("iso3166:GE"), index.byRef("iso3166-2:US-GA"));
    }

    @Test
    void codesAndOverlongNamesAreNotNames() {
        assertThat(index.lookup("PRX")).isEmpty();
        assertThat(index.lookup("a".repeat(10_000))).isEmpty();
        assertThat(index.byRef("geonames:x")).isEqualTo(-1);
        assertThat(index.byRef("iso3166:US-TX")).isEqualTo(-1);
    }

    @Test
    void theIndexFitsInItsHeapBudget() {
        long estimated = index.ramBytesUsed();
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        PlaceIndex second = PlaceIndex.load();
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() - before;
        System.out.printf("place index: %d places, estimated %.1f MiB, measured %.1f MiB retained%n", second.size(),
                estimated / 1048576.0, retained / 1048576.0);
        assertThat(estimated).isLessThan(150L << 20);
        assertThat(retained).isLessThan(150L << 20);
    }
}
