package io.newsflow.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentilesOfOneToHundredAreTheNearestRanks() {
        double[] shuffled = IntStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).asDoubleStream().toArray();

        Percentiles p = new Percentiles(shuffled);

        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(95)).isEqualTo(95);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.percentile(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void smallSamplesGiveMeasuredValuesNeverInterpolations() {
        Percentiles p = new Percentiles(new double[] {300, 100, 200});

        assertThat(p.percentile(50)).isEqualTo(200);
        assertThat(p.percentile(99)).isEqualTo(300);
        assertThat(p.percentile(1)).isEqualTo(100);
        assertThat(new Percentiles(new double[] {7}).percentile(95)).isEqualTo(7);
    }

    @Test
    void theCallersArrayIsLeftAsItWas() {
        double[] values = {3, 1, 2};

        new Percentiles(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void emptySamplesAndImpossiblePercentilesAreRefused() {
        assertThatThrownBy(() -> new Percentiles(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new double[] {1}).percentile(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new double[] {1}).percentile(101))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
