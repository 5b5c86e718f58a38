package io.newsflow.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.newsflow.devstack.stack.Stack;
import io.newsflow.events.Topics;

class ChaosPlanTest {

    @Test
    void defaultScheduleKillsEachServiceThreeTimesAndHasOneOfEveryOtherFault() {
        List<ChaosPlan.ScheduledFault> schedule = ChaosPlan.defaults().schedule();

        Map<Fault, Long> counts = schedule.stream().map(ChaosPlan.ScheduledFault::fault)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).containsEntry(new Fault.Kill(Stack.INGEST), 3L)
                .containsEntry(new Fault.Kill(Stack.ENRICH), 3L)
                .containsEntry(new Fault.Kill(Stack.STORE), 3L)
                .containsEntry(new Fault.Poison(Topics.RAW, 10), 1L)
                .containsEntry(new Fault.Poison(Topics.ENRICHED, 10), 1L);
        assertThat(schedule).filteredOn(f -> f.fault() instanceof Fault.KafkaRestart).hasSize(1);
        assertThat(schedule).filteredOn(f -> f.fault() instanceof Fault.PostgresOutage).singleElement()
                .extracting(f -> ((Fault.PostgresOutage) f.fault()).outage().toSeconds()).isEqualTo(30L);
        assertThat(schedule).filteredOn(f -> f.fault() instanceof Fault.CpuStarvation).singleElement()
                .extracting(f -> ((Fault.CpuStarvation) f.fault()).duration().toSeconds()).isEqualTo(60L);
        assertThat(schedule).hasSize(14);
    }

    @Test
    void noCpuStarvationIsScheduledWhenItsDurationIsZero() {
        assertThat(ChaosPlan.defaults().withCpuStarvation(Duration.ZERO).schedule())
                .noneMatch(f -> f.fault() instanceof Fault.CpuStarvation);
        assertThatThrownBy(() -> ChaosPlan.defaults().withCpuStarvation(Duration.ofSeconds(-1)))
                .hasMessageContaining("cpuStarvation");
    }

    @Test
    void faultsStartInOrderWithinTheMiddleOfTheStream() {
        List<Integer> moments = ChaosPlan.defaults().withArticles(2000).schedule().stream()
                .map(ChaosPlan.ScheduledFault::atAccepted).toList();

        assertThat(moments).isSorted().allSatisfy(m -> assertThat(m).isBetween(100, 1700));
    }

    @Test
    void theSeedDecidesTheScheduleAndOnlyTheSeed() {
        ChaosPlan plan = ChaosPlan.defaults().withArticles(500);

        assertThat(plan.withSeed(42).schedule()).isEqualTo(plan.withSeed(42).schedule())
                .isNotEqualTo(plan.withSeed(43).schedule());
    }

    @Test
    void noPoisonMeansNoPoisonFaultAndNothingToDeadLetter() {
        ChaosPlan plan = ChaosPlan.defaults().withPoisonPerTopic(0);

        assertThat(plan.schedule()).noneMatch(f -> f.fault() instanceof Fault.Poison);
        assertThat(plan.poisonTotal()).isZero();
    }

    @Test
    void refusesPlansThatMakeNoSense() {
        assertThatThrownBy(() -> ChaosPlan.defaults().withArticles(0)).hasMessageContaining("articles");
        assertThatThrownBy(() -> ChaosPlan.defaults().withRate(-1)).hasMessageContaining("rate");
        assertThatThrownBy(() -> ChaosPlan.defaults().withKillsPerService(-1)).hasMessageContaining("killsPerService");
    }
}
