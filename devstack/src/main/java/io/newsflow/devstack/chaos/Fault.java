package io.newsflow.devstack.chaos;

import java.time.Duration;

/** One kind of failure a chaos run injects into the stack. */
public sealed interface Fault {

    /** How the fault reads in progress lines and the summary. */
    String describe();

    /** SIGKILL of a service's JVM, then a restart of the same command. */
    record Kill(String service) implements Fault {
        @Override
        public String describe() {
            return "kill -9 " + service;
        }
    }

    /** The broker stops (controlled shutdown) and comes back on the same port over the same log directory. */
    record KafkaRestart(Duration downtime) implements Fault {
        @Override
        public String describe() {
            return "Kafka restart (" + downtime.toSeconds() + " s down)";
        }
    }

    /** PostgreSQL stops (fast shutdown) and starts again on the same port and data directory. */
    record PostgresOutage(Duration outage) implements Fault {
        @Override
        public String describe() {
            return "PostgreSQL outage (" + outage.toSeconds() + " s)";
        }
    }

    /** Records no consumer can process, written straight to an input topic, each with a key of its own. */
    record Poison(String topic, int records) implements Fault {
        @Override
        public String describe() {
            return records + " poison records into " + topic;
        }
    }

    /**
     * Busy processes, one per core, for {@code duration}: the services get a share of the CPU only (a noisy
     * neighbour, a throttled container). No healthy article may be dead-lettered for taking longer on the clock.
     */
    record CpuStarvation(Duration duration, int processes) implements Fault {
        @Override
        public String describe() {
            return "CPU starvation (" + processes + " busy processes, " + duration.toSeconds() + " s)";
        }
    }
}
