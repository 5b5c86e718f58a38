package io.newsflow.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatusOptionsTest {

    @Test
    void aSingleLookAnswersWithinSecondsAndAWatchedScreenShowsTheLastMinute() {
        assertThat(StatusOptions.parse(List.of()).window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(StatusOptions.parse(List.of("--watch")).window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aGivenWindowWinsWithOrWithoutWatch() {
        assertThat(StatusOptions.parse(List.of("--window", "12")).window()).isEqualTo(Duration.ofSeconds(12));
        assertThat(StatusOptions.parse(List.of("--watch", "--window=2.5")).window()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aWindowOutsideOneSecondToAnHourIsRefusedSayingWhy() {
        assertThatThrownBy(() -> StatusOptions.parse(List.of("--window", "0")))
                .hasMessageContaining("from 1 to 3600");
        assertThatThrownBy(() -> StatusOptions.parse(List.of("--window", "soon"))).hasMessageContaining("'soon'");
    }
}
