package io.newsflow.devstack.bench;

import java.util.Arrays;

/**
 * Percentiles of a sample by the nearest-rank method: the p-th percentile is a value that was measured (the smallest
 * one at or above p percent of the sample), never an interpolation between two.
 */
public final class Percentiles {

    private final double[] sorted;

    public Percentiles(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to take percentiles of");
        }
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }
}
