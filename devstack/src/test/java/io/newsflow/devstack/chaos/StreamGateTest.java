package io.newsflow.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.newsflow.devstack.stack.Stack;

class StreamGateTest {

    private final StreamGate gate = new StreamGate(List.of(
            new ChaosPlan.ScheduledFault(100, new Fault.Kill(Stack.STORE))));

    @Test
    void theStreamDoesNotPassAFaultsMomentBeforeTheFaultHasStarted() throws Exception {
        gate.awaitFaultsDueBy(99);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> awaitDue(100));

        assertThatThrownBy(() -> stream.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        gate.faultStarted();
        stream.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFaultWaitsForTheStreamToReachItsMoment() throws Exception {
        CompletableFuture<Void> fault = CompletableFuture.runAsync(this::awaitMoment);

        gate.accepted(50);
        assertThatThrownBy(() -> fault.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        gate.accepted(100);
        fault.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailedSideReleasesTheOther() {
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> awaitDue(150));

        gate.abort(new IllegalStateException("store-service never came back"));

        assertThatThrownBy(() -> stream.get(5, TimeUnit.SECONDS)).hasMessageContaining("store-service never came back");
        assertThat(gate.faultsStarted()).isZero();
    }

    private void awaitDue(int next) {
        try {
            gate.awaitFaultsDueBy(next);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitMoment() {
        try {
            gate.awaitMomentOfNextFault();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
