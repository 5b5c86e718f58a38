package io.newsflow.ingest.feed;

import java.time.Instant;

/**
 * Articles a source published per hour: the current hour's count and a moving baseline (an exponentially weighted
 * mean over about a day of closed hours, empty hours counting as 0), so a source is judged against its own habits.
 */
public final class ItemRate {

    /** Hours the baseline mostly remembers. */
    static final int WINDOW = 24;

    public long hour;
    public long count;
    public double baseline;
    public long hoursObserved;

    synchronized void add(Instant at) {
        roll(at);
        count++;
    }

    /** Closes every hour that ended before {@code now}. */
    public synchronized void roll(Instant now) {
        long current = now.getEpochSecond() / 3600;
        if (hour == 0) {
            hour = current;
            return;
        }
        for (int closed = 0; hour < current && closed < WINDOW * 7; closed++) {
            baseline = hoursObserved == 0 ? count : baseline + (count - baseline) / WINDOW;
            hoursObserved++;
            count = 0;
            hour++;
        }
        hour = Math.max(hour, current);
    }
}
