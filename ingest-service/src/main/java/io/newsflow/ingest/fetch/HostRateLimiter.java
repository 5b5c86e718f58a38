package io.newsflow.ingest.fetch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces requests to one host at least {@code interval} apart, whichever feed or article they are for, so a site
 * carrying many registered feeds is not hammered. Callers block until their turn.
 */
public final class HostRateLimiter {

    private final long intervalNanos;
    private final Map<String, Long> nextSlot = new HashMap<>();

    public HostRateLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    public void acquire(String host) throws InterruptedException {
        long wait;
        synchronized (nextSlot) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot.getOrDefault(host, now));
            nextSlot.put(host, slot + intervalNanos);
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
