package io.newsflow.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageCalibrationModelTest {

    private final LanguageCalibrationModel model = LanguageCalibrationModel.SHIPPED;

    @Test
    void aTieBetweenTwoLanguagesIsLessLikelyRightThanWrong() {
        assertThat(model.probability(0.0, 12)).isLessThan(0.5);
    }

    @Test
    void theSameDistanceIsSurerOverMoreWords() {
        assertThat(model.probability(0.05, 40)).isGreaterThan(model.probability(0.05, 4));
        assertThat(model.probability(0.02, 2)).isLessThan(0.75);
        assertThat(model.probability(0.24, 150)).isGreaterThan(0.999);
    }

    @Test
    void aLargerDistanceIsSurerOverTheSameWords() {
        assertThat(model.probability(0.3, 6)).isGreaterThan(model.probability(0.1, 6));
    }

    @Test
    void probabilitiesStayWithinZeroAndOne() {
        assertThat(model.probability(1.0, 100_000)).isBetween(0.0, 1.0);
        assertThat(model.probability(0.0, 0)).isBetween(0.0, 1.0);
    }
}
