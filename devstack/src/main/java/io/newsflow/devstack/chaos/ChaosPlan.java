package io.newsflow.devstack.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.events.Topics;

/**
 * What a chaos run does: how many articles it streams and how fast, which faults it injects, and how long it waits for
 * the pipeline to converge afterwards. Everything random about the run (the articles' text, the order and moments of
 * the faults) follows from {@code seed}, so a failing run can be repeated.
 *
 * @param articles           articles streamed through ingest's HTTP API
 * @param seed               seed of every random choice
 * @param rate               articles per second offered to ingest; 0 sends each batch as soon as the last is accepted
 * @param batchSize          articles per {@code POST /articles}
 * @param killsPerService    SIGKILLs (each followed by a restart) of each of the three services
 * @param kafkaRestarts      restarts of the Kafka broker (same port, same log directory)
 * @param kafkaDowntime      how long the broker stays down at each restart
 * @param postgresOutages    stops of PostgreSQL (same port, same data directory, started again after the outage)
 * @param postgresOutage     how long PostgreSQL stays down at each outage
 * @param poisonPerTopic     unprocessable records written straight to each input topic (raw and enriched)
 * @param cpuStarvation      how long busy processes (one per core) compete with the services for the CPU; zero for none
 * @param convergenceTimeout how long, after the last fault, the pipeline may take to store every accepted article
 */
public record ChaosPlan(int articles, long seed, double rate, int batchSize, int killsPerService, int kafkaRestarts,
        Duration kafkaDowntime, int postgresOutages, Duration postgresOutage, int poisonPerTopic,
        Duration cpuStarvation, Duration convergenceTimeout) {

    /** The services killed, in this order when the seed leaves ties. */
    public static final List<String> SERVICES = List.of(Stack.INGEST, Stack.ENRICH, Stack.STORE);
    /** The input topics that get poison records; their dead-letter topics must end up holding exactly these. */
    public static final List<String> INPUT_TOPICS = List.of(Topics.RAW, Topics.ENRICHED);

    /** Faults start between these fractions of the stream, so there is traffic before the first and after the last. */
    private static final double FIRST_FAULT_AT = 0.05;
    private static final double LAST_FAULT_AT = 0.85;

    public ChaosPlan {
        positive("articles", articles);
        positive("batchSize", batchSize);
        notNegative("killsPerService", killsPerService);
        notNegative("kafkaRestarts", kafkaRestarts);
        notNegative("postgresOutages", postgresOutages);
        notNegative("poisonPerTopic", poisonPerTopic);
        if (cpuStarvation.isNegative()) {
            throw new IllegalArgumentException("cpuStarvation must not be negative, was " + cpuStarvation);
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or more, was " + rate);
        }
    }

    /**
     * The full run of {@code ./newsflow chaos}: 10,000 articles, three kills per service, one of everything else (60 s
     * of CPU starvation).
     */
    public static ChaosPlan defaults() {
        return new ChaosPlan(10_000, 1, 100, 50, 3, 1, Duration.ofSeconds(5), 1, Duration.ofSeconds(30), 10,
                Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    public ChaosPlan withArticles(int value) {
        return new ChaosPlan(value, seed, rate, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, postgresOutage, poisonPerTopic, cpuStarvation, convergenceTimeout);
    }

    public ChaosPlan withSeed(long value) {
        return new ChaosPlan(articles, value, rate, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, postgresOutage, poisonPerTopic, cpuStarvation, convergenceTimeout);
    }

    public ChaosPlan withRate(double value) {
        return new ChaosPlan(articles, seed, value, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, postgresOutage, poisonPerTopic, cpuStarvation, convergenceTimeout);
    }

    public ChaosPlan withKillsPerService(int value) {
        return new ChaosPlan(articles, seed, rate, batchSize, value, kafkaRestarts, kafkaDowntime, postgresOutages,
                postgresOutage, poisonPerTopic, cpuStarvation, convergenceTimeout);
    }

    public ChaosPlan withPostgresOutage(Duration value) {
        return new ChaosPlan(articles, seed, rate, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, value, poisonPerTopic, cpuStarvation, convergenceTimeout);
    }

    public ChaosPlan withPoisonPerTopic(int value) {
        return new ChaosPlan(articles, seed, rate, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, postgresOutage, value, cpuStarvation, convergenceTimeout);
    }

    public ChaosPlan withConvergenceTimeout(Duration value) {
        return new ChaosPlan(articles, seed, rate, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, postgresOutage, poisonPerTopic, cpuStarvation, value);
    }

    public ChaosPlan withCpuStarvation(Duration value) {
        return new ChaosPlan(articles, seed, rate, batchSize, killsPerService, kafkaRestarts, kafkaDowntime,
                postgresOutages, postgresOutage, poisonPerTopic, value, convergenceTimeout);
    }

    /** Poison records in all: {@link #poisonPerTopic} for each input topic. */
    public int poisonTotal() {
        return poisonPerTopic * INPUT_TOPICS.size();
    }

    /**
     * The faults in the order they happen, each with the number of accepted articles at which it starts: seeded
     * moments spread over the middle of the stream, the kinds shuffled by the same seed.
     */
    public List<ScheduledFault> schedule() {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < killsPerService; i++) {
            SERVICES.forEach(service -> faults.add(new Fault.Kill(service)));
        }
        for (int i = 0; i < kafkaRestarts; i++) {
            faults.add(new Fault.KafkaRestart(kafkaDowntime));
        }
        for (int i = 0; i < postgresOutages; i++) {
            faults.add(new Fault.PostgresOutage(postgresOutage));
        }
        if (poisonPerTopic > 0) {
            INPUT_TOPICS.forEach(topic -> faults.add(new Fault.Poison(topic, poisonPerTopic)));
        }
        if (!cpuStarvation.isZero()) {
            faults.add(new Fault.CpuStarvation(cpuStarvation, Runtime.getRuntime().availableProcessors()));
        }
        Random random = new Random(seed);
        Collections.shuffle(faults, random);
        List<Integer> moments = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            double fraction = FIRST_FAULT_AT + random.nextDouble() * (LAST_FAULT_AT - FIRST_FAULT_AT);
            moments.add((int) Math.round(fraction * articles));
        }
        Collections.sort(moments);
        List<ScheduledFault> schedule = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            schedule.add(new ScheduledFault(moments.get(i), faults.get(i)));
        }
        return List.copyOf(schedule);
    }

    /** A fault and the number of accepted articles at which it starts. */
    public record ScheduledFault(int atAccepted, Fault fault) {
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    private static void notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
