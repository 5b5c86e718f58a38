package io.newsflow.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.devstack.chaos.ChaosPlan;

class ChaosOptionsTest {

    @Test
    void optionsOverrideTheDefaultPlan() {
        ChaosPlan plan = Chaos.plan(List.of("--articles", "2000", "--seed", "7", "--rate", "40", "--pg-outage", "12",
                "--kills", "1", "--poison", "4", "--timeout", "90"));

        assertThat(plan.articles()).isEqualTo(2000);
        assertThat(plan.seed()).isEqualTo(7);
        assertThat(plan.rate()).isEqualTo(40.0);
        assertThat(plan.postgresOutage()).isEqualTo(Duration.ofSeconds(12));
        assertThat(plan.killsPerService()).isEqualTo(1);
        assertThat(plan.poisonPerTopic()).isEqualTo(4);
        assertThat(plan.convergenceTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(plan.kafkaRestarts()).isEqualTo(ChaosPlan.defaults().kafkaRestarts());
    }

    @Test
    void withoutOptionsTheRunIsTheDocumentedDefault() {
        assertThat(Chaos.plan(List.of())).isEqualTo(ChaosPlan.defaults());
        assertThat(ChaosPlan.defaults().articles()).isEqualTo(10_000);
        assertThat(ChaosPlan.defaults().postgresOutage()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unknownOptionsMissingValuesAndNonNumbersAreRefused() {
        assertThatThrownBy(() -> Chaos.plan(List.of("--fast", "1"))).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Chaos.plan(List.of("--articles"))).hasMessageContaining("--articles needs a value");
        assertThatThrownBy(() -> Chaos.plan(List.of("--seed", "x"))).hasMessageContaining("--seed takes a number");
    }
}
