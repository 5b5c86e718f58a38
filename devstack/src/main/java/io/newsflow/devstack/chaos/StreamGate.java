package io.newsflow.devstack.chaos;

import java.util.List;

/**
 * Keeps the article stream and the faults in step. A fault starts once the stream has reached its moment (a number of
 * accepted articles); the stream does not go past a fault's moment before that fault has started. Every fault
 * therefore hits a pipeline with articles in flight, however fast or slow either side is, and the moments, which
 * follow from the seed, mean the same thing on a fast machine and a slow one.
 */
final class StreamGate {

    private final int[] moments;
    private int accepted;
    private int started;
    private RuntimeException aborted;

    StreamGate(List<ChaosPlan.ScheduledFault> schedule) {
        this.moments = schedule.stream().mapToInt(ChaosPlan.ScheduledFault::atAccepted).toArray();
    }

    synchronized void accepted(int count) {
        accepted = count;
        notifyAll();
    }

    synchronized int accepted() {
        return accepted;
    }

    synchronized int faultsStarted() {
        return started;
    }

    /** The stream calls this before sending article {@code next}: it waits for every fault due by then to start. */
    synchronized void awaitFaultsDueBy(int next) throws InterruptedException {
        while (aborted == null && started < moments.length && moments[started] <= next) {
            wait();
        }
        checkAborted();
    }

    /** The fault side calls this before its next fault: it waits for the stream to reach the fault's moment. */
    synchronized void awaitMomentOfNextFault() throws InterruptedException {
        while (aborted == null && accepted < moments[started]) {
            wait();
        }
        checkAborted();
    }

    synchronized void faultStarted() {
        started++;
        notifyAll();
    }

    /** Either side failed: the other stops waiting and fails too. */
    synchronized void abort(RuntimeException cause) {
        if (aborted == null) {
            aborted = cause;
        }
        notifyAll();
    }

    private void checkAborted() {
        if (aborted != null) {
            throw new IllegalStateException("the chaos run was aborted: " + aborted.getMessage(), aborted);
        }
    }
}
