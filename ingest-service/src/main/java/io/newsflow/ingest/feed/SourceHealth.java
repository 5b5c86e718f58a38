package io.newsflow.ingest.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * How a source is doing, from its state: {@code pending} (not polled yet), {@code failing} (its last three polls or
 * more failed), {@code quiet} (it normally publishes, at least one article every two hours over a day or more, and has
 * published nothing for three times its usual gap, three hours at least), else {@code ok}.
 */
public final class SourceHealth {

    public static final String PENDING = "pending";
    public static final String OK = "ok";
    public static final String QUIET = "quiet";
    public static final String FAILING = "failing";

    static final double NORMALLY_PUBLISHING_PER_HOUR = 0.5;

    private SourceHealth() {
    }

    public static String of(FeedPoller.State state, Instant now) {
        if (state == null || state.lastPollAt == null) {
            return PENDING;
        }
        synchronized (state) {
            if (state.failures >= 3) {
                return FAILING;
            }
            state.rate.roll(now);
            double baseline = state.rate.baseline;
            if (state.rate.hoursObserved >= ItemRate.WINDOW && baseline >= NORMALLY_PUBLISHING_PER_HOUR) {
                Duration usualGap = Duration.ofSeconds((long) (3600 / baseline));
                Duration quietAfter = usualGap.multipliedBy(3).compareTo(Duration.ofHours(3)) > 0 ? usualGap.multipliedBy(3)
                        : Duration.ofHours(3);
                Instant last = state.lastItemAt;
                if (last == null || last.plus(quietAfter).isBefore(now)) {
                    return QUIET;
                }
            }
            return OK;
        }
    }
}
