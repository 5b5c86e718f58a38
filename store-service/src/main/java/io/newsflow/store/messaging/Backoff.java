package io.newsflow.store.messaging;

import java.time.Duration;

/** Capped exponential backoff: initial, 2 × initial, 4 × initial, … never more than max. */
record Backoff(Duration initial, Duration max) {

    Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max delay " + max + " is shorter than initial delay " + initial);
        }
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1: " + retry);
        }
        // Past 2^30 × initial every sensible cap has been reached; stopping there keeps the shift from overflowing.
        int doublings = Math.min(retry - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
