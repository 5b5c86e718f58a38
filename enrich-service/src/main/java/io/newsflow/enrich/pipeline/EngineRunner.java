package io.newsflow.enrich.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * Runs one article's engines on a thread of a bounded set, so that the caller can stop waiting for it, and decides
 * when it has waited long enough.
 *
 * <p><b>The time-out is a CPU budget.</b> An article fails with {@link Outcome#CPU_BUDGET} once its engine thread has
 * spent {@code timeout} of CPU time on it: that article is expensive wherever it runs. When the wall-clock time-out
 * passes but the thread got less CPU than that — the machine was busy, a noisy neighbour or a CPU limit throttled the
 * process — the wait is extended by the budget still unspent, until the thread has spent it or {@code maxWait} of
 * wall-clock time has passed ({@link Outcome#STARVED}). Waiting on the run already under way is this service's retry of a
 * time-out: starting the article again would throw away the work done and add load to a machine that is short of it.
 *
 * <p><b>The threads are bounded.</b> CoreNLP cannot be interrupted safely, so an article given up on keeps its thread
 * until it finishes, and its result is dropped; the remaining engines are skipped ({@code abandoned} turns true). At
 * most {@code threads} runs exist at once: past that the caller waits for a thread, and the Kafka consumer behind it
 * stops fetching, instead of a time-out storm creating a thread per article.
 */
public final class EngineRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EngineRunner.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Shortest extension of a wait, so that a thread a few microseconds short of its budget is not polled in a loop. */
    private static final long MIN_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** How a wait ended without a result. */
    public enum Outcome {
        /** The engine thread spent the whole time-out in CPU time. */
        CPU_BUDGET,
        /** {@code maxWait} passed in wall-clock time while the thread had not spent its CPU budget. */
        STARVED
    }

    /** The article's run ended without a result within the rules above. */
    public static final class TimedOut extends Exception {
        private final Outcome outcome;
        private final Duration cpu;

        TimedOut(Outcome outcome, Duration cpu) {
            super(outcome.name(), null, false, false);
            this.outcome = outcome;
            this.cpu = cpu;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** CPU time the engine thread had spent on the article when the wait ended. */
        public Duration cpu() {
            return cpu;
        }
    }

    /** Told each time a wait is extended because the engine thread was starved of CPU. */
    public interface Listener {
        void extended();
    }

    private final Duration timeout;
    private final Duration maxWait;
    private final int threads;
    private final Semaphore free;
    private final ExecutorService pool;
    private final Listener listener;
    private final boolean cpuTimeMeasured;

    public EngineRunner(Duration timeout, Duration maxWait, int threads, Listener listener) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("newsflow.enrich.timeout must be positive, was " + timeout);
        }
        if (maxWait.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("newsflow.enrich.max-wait (" + maxWait
                    + ") must be at least newsflow.enrich.timeout (" + timeout + ")");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("newsflow.enrich.engine-threads must be at least 1, was " + threads);
        }
        this.timeout = timeout;
        this.maxWait = maxWait;
        this.threads = threads;
        this.free = new Semaphore(threads);
        this.pool = Executors.newFixedThreadPool(threads, new EngineThreads());
        this.listener = listener;
        this.cpuTimeMeasured = THREADS.isThreadCpuTimeSupported();
        if (cpuTimeMeasured && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration maxWait() {
        return maxWait;
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code work} on an engine thread and waits for its result by the rules of this class. The caller's
     * interrupt (the service stopping) does not cut the wait short: giving up would dead-letter a sound article; the
     * interrupt is restored afterwards.
     *
     * @param work the engines, given a flag that turns true once the caller has given up on them
     * @throws ExecutionException what the work threw
     * @throws TimedOut the CPU budget was spent or the wall-clock limit passed
     */
    public <T> T run(Function<BooleanSupplier, T> work) throws ExecutionException, TimedOut {
        boolean interrupted = acquire();
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<Thread> runner = new AtomicReference<>();
        AtomicLong cpuAtStart = new AtomicLong();
        Callable<T> task = () -> {
            // The pool's threads are reused: the article's CPU time is what the thread spent since it took it.
            cpuAtStart.set(cpuTimeMeasured ? THREADS.getCurrentThreadCpuTime() : 0);
            runner.set(Thread.currentThread());
            try {
                return work.apply(abandoned::get);
            } finally {
                runner.set(null);
                free.release();
            }
        };
        Future<T> future;
        try {
            future = pool.submit(task);
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        long start = System.nanoTime();
        long waitUntil = start + timeout.toNanos();
        long giveUpAt = start + maxWait.toNanos();
        try {
            while (true) {
                try {
                    return future.get(Math.max(0, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                } catch (TimeoutException e) {
                    // fall through to the budget check
                }
                long cpu = cpuNanos(runner.get(), cpuAtStart.get());
                long now = System.nanoTime();
                if (!cpuTimeMeasured || cpu >= timeout.toNanos()) {
                    abandoned.set(true);
                    throw new TimedOut(Outcome.CPU_BUDGET, Duration.ofNanos(cpuTimeMeasured ? cpu : now - start));
                }
                if (now >= giveUpAt) {
                    abandoned.set(true);
                    throw new TimedOut(Outcome.STARVED, Duration.ofNanos(cpu));
                }
                listener.extended();
                waitUntil = Math.min(giveUpAt, now + Math.max(MIN_SLICE_NANOS, timeout.toNanos() - cpu));
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** CPU time the thread has spent on the article, or 0 when it has not started or has just finished it. */
    private long cpuNanos(Thread thread, long atStart) {
        if (thread == null || !cpuTimeMeasured) {
            return 0;
        }
        long nanos = THREADS.getThreadCpuTime(thread.getId());
        return nanos < 0 ? 0 : Math.max(0, nanos - atStart);
    }

    /** Waits for a free engine thread, warning each time-out while every one is busy; reports an interrupt. */
    private boolean acquire() {
        boolean interrupted = false;
        while (true) {
            try {
                if (free.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    return interrupted;
                }
                LOG.warnf("All %d engine threads (newsflow.enrich.engine-threads) are still busy after %s, most with"
                        + " articles given up on; the next article waits for one", threads, timeout);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static final class EngineThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "enrich-engines-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
