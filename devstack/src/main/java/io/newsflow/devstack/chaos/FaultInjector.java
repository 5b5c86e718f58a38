package io.newsflow.devstack.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.newsflow.devstack.stack.ServiceProcess;
import io.newsflow.devstack.stack.Stack;

/** Does one fault to a running stack and returns once the stack has what it needs to recover (or the fault is over). */
final class FaultInjector {

    /**
     * A killed service is started again at once, as an orchestrator would; it may take this long to be ready (as long
     * as a first start: on two busy cores that has taken minutes).
     */
    private static final Duration SERVICE_READY = Duration.ofSeconds(300);
    /**
     * Starts of a killed service before the run gives up. A service may exit while starting, as store-service does when
     * PostgreSQL does not hand it a connection in time for its migrations; an orchestrator then starts it again.
     */
    private static final int MAX_STARTS = 3;

    private final Stack stack;
    private final long seed;

    FaultInjector(Stack stack, long seed) {
        this.stack = stack;
        this.seed = seed;
    }

    /**
     * What happened: the fault, when it began, when the stack was whole again (service ready, server up), and how many
     * starts a killed service needed.
     */
    record Injected(Fault fault, Instant began, Instant ended, int starts) {
        Duration took() {
            return Duration.between(began, ended);
        }

        String describe() {
            return starts > 1 ? fault.describe() + " (ready after " + starts + " starts)" : fault.describe();
        }
    }

    Injected inject(Fault fault) throws InterruptedException {
        Instant began = Instant.now();
        int starts = 0;
        if (fault instanceof Fault.Kill kill) {
            ServiceProcess service = stack.service(kill.service());
            service.kill();
            while (true) {
                starts++;
                service.restart();
                try {
                    service.awaitReady(SERVICE_READY);
                    break;
                } catch (IllegalStateException e) {
                    if (service.isAlive() || starts == MAX_STARTS) {
                        throw e;
                    }
                }
            }
        } else if (fault instanceof Fault.KafkaRestart restart) {
            stack.servers().kafka().stop();
            Thread.sleep(restart.downtime().toMillis());
            stack.servers().kafka().restart();
        } else if (fault instanceof Fault.PostgresOutage outage) {
            stack.servers().postgres().stop();
            Thread.sleep(outage.outage().toMillis());
            stack.servers().postgres().restart();
        } else if (fault instanceof Fault.Poison poison) {
            writePoison(poison);
        } else if (fault instanceof Fault.CpuStarvation starvation) {
            starve(starvation);
        }
        return new Injected(fault, began, Instant.now(), starts);
    }

    /** Processes of their own, as a noisy neighbour is, rather than threads of this JVM, which also runs the broker. */
    private static void starve(Fault.CpuStarvation starvation) throws InterruptedException {
        List<Process> busy = new ArrayList<>();
        try {
            for (int i = 0; i < starvation.processes(); i++) {
                busy.add(new ProcessBuilder("sh", "-c", "while :; do :; done")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            Thread.sleep(starvation.duration().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a busy process for the CPU starvation", e);
        } finally {
            for (Process process : busy) {
                process.destroyForcibly();
            }
            for (Process process : busy) {
                process.waitFor();
            }
        }
    }

    private void writePoison(Fault.Poison poison) throws InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.servers().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "newsflow-chaos-poison");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (PoisonRecords.Poison record : PoisonRecords.forTopic(poison.topic(), poison.records(), seed)) {
                Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(record.topic(), record.key(),
                        record.value()));
                sent.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the poison records to " + poison.topic() + ": " + e, e);
        }
    }
}
