package io.newsflow.devstack.chaos;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.events.EventCodec;
import io.newsflow.events.Topics;

/**
 * A chaos run against a running stack: streams the plan's articles through ingest while faults are injected at the
 * plan's moments, then waits for the pipeline to converge and audits PostgreSQL and the dead-letter topics. The stack
 * should be fresh (an empty database and broker), so that every row and dead letter it finds belongs to this run.
 */
public final class ChaosExperiment {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Stack stack;
    private final ChaosPlan plan;
    private final Consumer<String> progress;
    private final ObjectMapper json = EventCodec.mapper();
    private final PipelineAudit audit;
    private volatile String phase = "streaming";
    private volatile String lastFault = "none yet";
    private volatile int lastStored;

    public ChaosExperiment(Stack stack, ChaosPlan plan, Consumer<String> progress) {
        this.stack = stack;
        this.plan = plan;
        this.progress = progress;
        this.audit = new PipelineAudit(stack.servers());
    }

    public ChaosReport run() throws InterruptedException {
        List<ChaosPlan.ScheduledFault> schedule = plan.schedule();
        progress.accept("plan: " + plan.articles() + " articles at " + (plan.rate() > 0 ? plan.rate() + "/s" : "full speed")
                + ", faults " + schedule.stream().map(f -> f.fault().describe() + " @" + f.atAccepted())
                        .collect(Collectors.joining(", ")));
        StreamGate gate = new StreamGate(schedule);
        ArticleFeeder feeder = new ArticleFeeder(stack.service(Stack.INGEST).baseUri(),
                new ChaosArticles(plan.seed(), json), plan, gate, json);
        FaultInjector injector = new FaultInjector(stack, plan.seed());
        List<FaultInjector.Injected> injected = new ArrayList<>();
        Instant started = Instant.now();

        Thread reporter = new Thread(() -> report(gate, feeder, schedule.size()), "newsflow-chaos-progress");
        reporter.setDaemon(true);
        reporter.start();
        try {
            CompletableFuture<Void> stream = run("stream", gate, () -> {
                feeder.run();
                return null;
            });
            CompletableFuture<Void> faults = run("faults", gate, () -> {
                for (ChaosPlan.ScheduledFault scheduled : schedule) {
                    gate.awaitMomentOfNextFault();
                    gate.faultStarted();
                    lastFault = scheduled.fault().describe() + " (started)";
                    progress.accept("fault " + gate.faultsStarted() + "/" + schedule.size() + ": "
                            + scheduled.fault().describe() + " at " + gate.accepted() + " accepted");
                    FaultInjector.Injected done = injector.inject(scheduled.fault());
                    injected.add(done);
                    lastFault = done.describe() + " (over after " + done.took().toSeconds() + " s)";
                }
                return null;
            });
            join(stream);
            join(faults);
            Instant lastFaultEnded = injected.isEmpty() ? Instant.now() : injected.get(injected.size() - 1).ended();
            phase = "converging";
            progress.accept("every article accepted and every fault done; waiting for the pipeline to converge (at most "
                    + plan.convergenceTimeout().toSeconds() + " s)");
            Set<String> accepted = Set.copyOf(feeder.acceptedIds());
            Instant converged = awaitConvergence(accepted, lastFaultEnded.plus(plan.convergenceTimeout()));
            phase = "auditing";
            return audit(accepted, feeder, injected, started, lastFaultEnded, converged);
        } finally {
            reporter.interrupt();
        }
    }

    private interface Work {
        Void run() throws InterruptedException;
    }

    private static CompletableFuture<Void> run(String name, StreamGate gate, Work work) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (InterruptedException e) {
                gate.abort(new IllegalStateException("interrupted"));
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                gate.abort(e);
                result.completeExceptionally(e);
            }
        }, "newsflow-chaos-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static void join(CompletableFuture<Void> work) throws InterruptedException {
        try {
            work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(e.getCause());
        }
    }

    /** Polls until every accepted article is stored and every poison record is dead-lettered; null on timeout. */
    private Instant awaitConvergence(Set<String> accepted, Instant deadline) throws InterruptedException {
        Set<String> poison = poisonKeys();
        while (Instant.now().isBefore(deadline)) {
            try {
                int stored = audit.stored(accepted).size();
                lastStored = stored;
                if (stored == accepted.size() && deadLettered(poison).size() == poison.size()) {
                    return Instant.now();
                }
            } catch (SQLException | RuntimeException e) {
                // The database or broker may still be coming back: keep polling until the deadline.
            }
            Thread.sleep(POLL.toMillis());
        }
        return null;
    }

    private ChaosReport audit(Set<String> accepted, ArticleFeeder feeder, List<FaultInjector.Injected> injected,
            Instant started, Instant lastFaultEnded, Instant converged) {
        try {
            Set<String> stored = audit.stored(accepted);
            int duplicates = audit.duplicates();
            List<PipelineAudit.DeadLetter> letters = audit.deadLetters();
            Set<String> poison = poisonKeys();
            Set<String> found = new HashSet<>();
            int redelivered = 0;
            int unexpected = 0;
            Map<String, Integer> unexpectedReasons = new TreeMap<>();
            int withoutReason = 0;
            for (PipelineAudit.DeadLetter letter : letters) {
                String where = letter.dlqTopic() + "/" + letter.key();
                if (!poison.contains(where)) {
                    unexpected++;
                    unexpectedReasons.merge(letter.originTopic() + ": " + gist(letter.reason()), 1, Integer::sum);
                } else if (!found.add(where)) {
                    redelivered++;
                }
                if (letter.reason() == null || letter.reason().isBlank()) {
                    withoutReason++;
                }
            }
            List<ChaosReport.FaultOutcome> faults = injected.stream().map(i -> new ChaosReport.FaultOutcome(
                    i.describe(), seconds(started, i.began()), seconds(i.began(), i.ended()))).toList();
            return new ChaosReport(plan.articles(), plan.seed(), accepted.size(), stored.size(),
                    accepted.size() - stored.size(), duplicates, found.size(), poison.size(), redelivered, unexpected,
                    withoutReason, converged == null ? -1 : seconds(lastFaultEnded, converged),
                    seconds(started, Instant.now()), feeder.resent(), faults, unexpectedReasons);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot audit PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** {@code <dlq topic>/<key>} of every poison record: where each must turn up. */
    private Set<String> poisonKeys() {
        return PoisonRecords.all(plan).stream()
                .map(p -> Topics.dlq(p.topic()) + "/" + p.key())
                .collect(Collectors.toSet());
    }

    private Set<String> deadLettered(Set<String> poison) {
        return audit.deadLetters().stream().map(l -> l.dlqTopic() + "/" + l.key()).filter(poison::contains)
                .collect(Collectors.toSet());
    }

    private void report(StreamGate gate, ArticleFeeder feeder, int faults) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PROGRESS_EVERY.toMillis());
                try {
                    if (!phase.equals("converging")) {
                        lastStored = audit.storedCount();
                    }
                } catch (SQLException e) {
                    // PostgreSQL is down (perhaps on purpose): show the last count.
                }
                progress.accept(String.format("%-10s accepted %d/%d  stored %d  faults %d/%d  resent %d  last: %s",
                        phase, feeder.acceptedIds().size(), plan.articles(), lastStored, gate.faultsStarted(), faults,
                        feeder.resent(), lastFault));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The start of a reason: enough to group dead letters by cause without every article's own details. */
    private static String gist(String reason) {
        if (reason == null) {
            return "(no reason)";
        }
        return reason.length() <= 80 ? reason : reason.substring(0, 80) + "…";
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
