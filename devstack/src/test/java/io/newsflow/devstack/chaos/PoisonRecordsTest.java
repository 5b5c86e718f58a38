package io.newsflow.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.events.EventCodec;
import io.newsflow.events.InvalidEventException;
import io.newsflow.events.Topics;

class PoisonRecordsTest {

    @Test
    void everyPoisonRecordIsRefusedByTheDecoderOfItsTopic() {
        List<PoisonRecords.Poison> raw = PoisonRecords.forTopic(Topics.RAW, 4, 9);
        List<PoisonRecords.Poison> enriched = PoisonRecords.forTopic(Topics.ENRICHED, 4, 9);

        raw.forEach(p -> assertThatThrownBy(() -> EventCodec.decodeRaw(p.value()))
                .isInstanceOf(InvalidEventException.class));
        enriched.forEach(p -> assertThatThrownBy(() -> EventCodec.decodeEnriched(p.value()))
                .isInstanceOf(InvalidEventException.class));
    }

    @Test
    void keysAreDistinctAcrossTopicsAndNeverArticleIds() {
        List<PoisonRecords.Poison> all = PoisonRecords.all(ChaosPlan.defaults().withSeed(5));

        assertThat(all).hasSize(20);
        assertThat(all).extracting(PoisonRecords.Poison::key).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).startsWith("chaos-poison-5-"));
        assertThat(all).filteredOn(p -> p.topic().equals(Topics.RAW)).hasSize(10);
    }
}
