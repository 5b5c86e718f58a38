package io.newsflow.ingest.fetch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admits requests host by host: the starts of two requests to one host are at least {@code interval} apart, at most
 * {@code perHost} are open to one host and at most {@code maxInFlight} across all hosts. A request waits in its
 * host's queue without holding a thread, so a slow or hostile site costs only its own slots while every other site
 * goes at its own pace.
 *
 * <p>Hand-written: SmallRye Fault Tolerance's {@code @Bulkhead} and {@code @RateLimit} bound one method as a whole,
 * not each of thousands of hosts, and would park a thread per waiting request.
 */
final class HostGate implements AutoCloseable {

    private final long intervalNanos;
    private final int perHost;
    private final int maxInFlight;
    /** Starts requests off the caller's thread: a start resolves the host name, which may block. */
    private final ExecutorService starter = Executors.newFixedThreadPool(4, daemon("fetch-start"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("fetch-gate"));
    private final Map<String, Host> hosts = new HashMap<>();
    private int inFlight;
    private long wakeAt = Long.MAX_VALUE;

    HostGate(Duration interval, int perHost, int maxInFlight) {
        this.intervalNanos = interval.toNanos();
        this.perHost = perHost;
        this.maxInFlight = maxInFlight;
    }

    private static final class Host {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        int open;
        long nextStart = System.nanoTime();
    }

    /** Runs {@code request} when the host's turn comes; the result completes with the request's. */
    <T> CompletableFuture<T> submit(String host, Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = request.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, failure) -> {
                done(host);
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        synchronized (this) {
            hosts.computeIfAbsent(host, h -> new Host()).waiting.add(start);
        }
        pump();
        return result;
    }

    private void done(String host) {
        synchronized (this) {
            inFlight--;
            Host h = hosts.get(host);
            if (h != null) {
                h.open--;
            }
        }
        pump();
    }

    private void pump() {
        List<Runnable> starts = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            long earliest = Long.MAX_VALUE;
            for (Iterator<Host> it = hosts.values().iterator(); it.hasNext() && inFlight < maxInFlight;) {
                Host h = it.next();
                if (h.waiting.isEmpty() && h.open == 0 && h.nextStart - now <= 0) {
                    it.remove();
                    continue;
                }
                while (!h.waiting.isEmpty() && h.open < perHost && inFlight < maxInFlight) {
                    if (h.nextStart - now > 0) {
                        earliest = Math.min(earliest, h.nextStart);
                        break;
                    }
                    h.open++;
                    inFlight++;
                    h.nextStart = now + intervalNanos;
                    starts.add(h.waiting.poll());
                }
            }
            if (earliest != Long.MAX_VALUE && (wakeAt == Long.MAX_VALUE || earliest - wakeAt < 0)) {
                wakeAt = earliest;
                timer.schedule(this::wake, Math.max(0, earliest - now), TimeUnit.NANOSECONDS);
            }
        }
        starts.forEach(starter::execute);
    }

    private void wake() {
        synchronized (this) {
            wakeAt = Long.MAX_VALUE;
        }
        pump();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        starter.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
