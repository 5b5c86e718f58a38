package io.newsflow.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class ServerSelectionTest {

    @Test
    void serversArgumentNamesKafkaAndPostgresInAnyOrderAndCase() {
        assertThat(ServerKind.parse("kafka")).containsExactly(ServerKind.KAFKA);
        assertThat(ServerKind.parse(" Postgres , kafka ")).containsExactly(ServerKind.KAFKA, ServerKind.POSTGRES);
        assertThat(ServerKind.format(EnumSet.allOf(ServerKind.class))).isEqualTo("kafka,postgres");
    }

    @Test
    void unknownOrMissingServerIsRejected() {
        assertThatThrownBy(() -> ServerKind.parse("kafka,mysql")).hasMessageContaining("mysql");
        assertThatThrownBy(() -> ServerKind.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void autoUsesContainersOnlyWhenDockerAnswers() {
        assertThat(Backend.choose("auto", () -> true)).isEqualTo(Backend.TESTCONTAINERS);
        assertThat(Backend.choose("auto", () -> false)).isEqualTo(Backend.EMBEDDED);
    }

    @Test
    void explicitChoiceWinsWithoutAskingDocker() {
        assertThat(Backend.choose("embedded", () -> {
            throw new AssertionError("Docker must not be probed");
        })).isEqualTo(Backend.EMBEDDED);
        assertThat(Backend.choose("TestContainers", () -> false)).isEqualTo(Backend.TESTCONTAINERS);
        assertThatThrownBy(() -> Backend.choose("docker", () -> true)).hasMessageContaining("docker");
    }
}
