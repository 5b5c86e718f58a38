package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsflow.devstack.chaos.ChaosExperiment;
import io.newsflow.devstack.chaos.ChaosPlan;
import io.newsflow.devstack.chaos.ChaosReport;
import io.newsflow.devstack.chaos.Fault;
import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;
import io.newsflow.events.EventCodec;

/**
 * The short form of {@code newsflow chaos}: a few hundred articles through the packaged services while each service is
 * killed once with SIGKILL, the broker restarts, PostgreSQL is down for ten seconds, busy processes starve the
 * services of CPU for twenty, and poison records reach both input topics. Nothing accepted may be lost or stored twice, and the dead-letter topics must hold exactly the poison.
 */
class ChaosIT {

    private static final ChaosPlan PLAN = ChaosPlan.defaults()
            .withArticles(300)
            .withSeed(20261124)
            .withRate(0)
            .withKillsPerService(1)
            .withPostgresOutage(Duration.ofSeconds(10))
            .withPoisonPerTopic(3)
            .withCpuStarvation(Duration.ofSeconds(20))
            .withConvergenceTimeout(Duration.ofSeconds(180));

    @TempDir
    Path work;

    @Test
    void everyAcceptedArticleIsStoredExactlyOnceAndOnlyPoisonIsDeadLetteredDespiteCrashesAndOutages() throws Exception {
        assertThat(PLAN.schedule()).extracting(ChaosPlan.ScheduledFault::fault)
                .contains(new Fault.Kill(Stack.INGEST), new Fault.Kill(Stack.ENRICH), new Fault.Kill(Stack.STORE))
                .hasAtLeastOneElementOfType(Fault.KafkaRestart.class)
                .hasAtLeastOneElementOfType(Fault.PostgresOutage.class)
                .hasAtLeastOneElementOfType(Fault.CpuStarvation.class);
        Path root = Path.of(System.getProperty("newsflow.root", "..")).toAbsolutePath().normalize();
        StackSettings settings = new StackSettings(root, work.resolve("home"), freePort(), freePort(), freePort(), 0, 0,
                Optional.empty());

        ChaosReport report;
        Map<String, String> env = Map.of("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", "WARN");
        try (Stack stack = Stack.start(settings, env, message -> System.out.println("[stack] " + message))) {
            report = new ChaosExperiment(stack, PLAN, message -> System.out.println("[chaos] " + message)).run();
        }
        System.out.println(report.summary());
        System.out.println(report.toJson(EventCodec.mapper()));

        assertThat(report.faults()).hasSize(PLAN.schedule().size());
        assertThat(report.accepted()).isEqualTo(PLAN.articles());
        assertThat(report.lost()).as("accepted articles missing from PostgreSQL").isZero();
        assertThat(report.stored()).isEqualTo(report.accepted());
        assertThat(report.duplicates()).as("articles stored more than once").isZero();
        assertThat(report.poison()).isEqualTo(PLAN.poisonTotal());
        assertThat(report.dlq()).as("distinct poison records dead-lettered").isEqualTo(report.poison());
        assertThat(report.dlqUnexpected()).as("dead letters that are not poison").isZero();
        assertThat(report.dlqWithoutReason()).as("dead letters without a dead-letter-reason header").isZero();
        assertThat(report.recoverySeconds()).isNotNegative();
        assertThat(report.passed()).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
