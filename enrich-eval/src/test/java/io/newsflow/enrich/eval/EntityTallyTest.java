package io.newsflow.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;

class EntityTallyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyGoldEntityCountsOnceAndEveryStrayStringIsAFalsePositive() throws Exception {
        EvalItem item = item("""
                {"PER": ["Asia Bibi", "Asię Bibi", "Imran Khan"], "ORG": ["Sąd Najwyższy"], "LOC": ["Lahaur", "Pakistan"]}
                """);
        List<Entity> predicted = List.of(
                entity("Asia Bibi", EntityType.PERSON, "Asia Bibi", "Asii Bibi"),
                entity("Imran Khan", EntityType.ORGANIZATION, "Imran Khan"),
                entity("Najwyższy", EntityType.MISC, "Najwyższy"),
                entity("Lahaur", EntityType.LOCATION, "Lahaur"),
                entity("Reuters", EntityType.ORGANIZATION, "Reuters"));

        EntityTally tally = new EntityTally();
        tally.add(item, predicted);

        assertThat(tally.type("PER")).isEqualTo(new Prf(2, 1, 0));
        assertThat(tally.type("ORG")).isEqualTo(new Prf(1, 0, 2));
        assertThat(tally.type("LOC")).isEqualTo(new Prf(2, 1, 0));
        assertThat(tally.total().precision()).isEqualTo(2.0 / 4);
        assertThat(tally.total().recall()).isEqualTo(2.0 / 5);
        assertThat(tally.agnostic()).isEqualTo(new Prf(5, 3, 1));
        assertThat(tally.errors()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("PER as ORG", "wrong span ORG", "missed LOC", "spurious ORG");
    }

    @Test
    void eitherOfTwoGoldTypesIsRight() {
        EvalItem item = new EvalItem("f", "1", "de", "t", "b", EvalItem.Task.ENTITIES,
                List.of(new GoldCluster(java.util.Set.of("ORG", "LOC"), List.of("kreml"), GoldCluster.Rule.CONTAINS)),
                null);

        EntityTally tally = new EntityTally();
        tally.add(item, List.of(entity("Kreml", EntityType.LOCATION, "Kreml")));

        assertThat(tally.total()).isEqualTo(new Prf(1, 1, 0));
    }

    private static EvalItem item(String entities) throws Exception {
        return new EvalItem("f", "1", "pl", "t", "b", EvalItem.Task.ENTITIES, Corpus.clusters(JSON.readTree(entities)),
                null);
    }

    private static Entity entity(String name, EntityType type, String... forms) {
        return new Entity(name, type, null, forms.length, List.of(forms), 0);
    }
}
