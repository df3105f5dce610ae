package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void errorsOfATinyHoldOutComputedByHand() {
        // given training 10 12 14 12 (shorter than a season: the benchmark is "same as the week before",
        // whose errors are 2, 2, 2), and forecasts 12 and 15 for actual 10 and 20: errors +2 and -5
        double[] training = { 10, 12, 14, 12 };

        // when
        Accuracy accuracy = Accuracy.measure(training, new double[] { 10, 20 }, new double[] { 12, 15 }, 52);

        // then
        assertThat(accuracy.periods()).isEqualTo(2);
        assertThat(accuracy.mae()).isEqualTo(3.5); // (2 + 5) / 2
        assertThat(accuracy.rmse()).isEqualTo(Math.sqrt(14.5)); // sqrt((4 + 25) / 2)
        assertThat(accuracy.bias()).isEqualTo(-1.5); // (2 - 5) / 2: too little on average
        assertThat(accuracy.mase()).isEqualTo(1.75); // 3.5 / 2
        assertThat(accuracy.wape()).isCloseTo(7.0 / 30, within(1e-15)); // (2 + 5) / (10 + 20)
    }

    @Test
    void withMoreThanASeasonOfTrainingTheBenchmarkIsSameWeekLastSeason() {
        // given a season of 2: benchmark errors |2 - 1| = 1 and |5 - 3| = 2, mean 1.5
        double[] training = { 1, 3, 2, 5 };

        // when 4.75 is forecast for 4
        Accuracy accuracy = Accuracy.measure(training, new double[] { 4 }, new double[] { 4.75 }, 2);

        // then
        assertThat(accuracy).isEqualTo(new Accuracy(1, 0.75, 0.75, 0.75, 0.5, 0.1875));
    }

    @Test
    void wapeIsNullWhenNothingWasDemandedInTheHoldOut() {
        Accuracy accuracy = Accuracy.measure(new double[] { 1, 2, 3 }, new double[] { 0, 0 }, new double[] { 1, 0 }, 52);

        assertThat(accuracy.wape()).isNull();
        assertThat(accuracy.mae()).isEqualTo(0.5);
        assertThat(accuracy.bias()).isEqualTo(0.5);
    }

    @Test
    void maseIsNullWhenTheBenchmarkMakesNoErrorOrCannotBeComputed() {
        // a constant training history, a single training period, and a training history of zeros
        assertThat(Accuracy.measure(new double[] { 5, 5, 5 }, new double[] { 5 }, new double[] { 6 }, 52).mase()).isNull();
        assertThat(Accuracy.measure(new double[] { 5 }, new double[] { 5 }, new double[] { 6 }, 52).mase()).isNull();
        assertThat(Accuracy.measure(new double[] { 0, 0 }, new double[] { 5 }, new double[] { 0 }, 52).mase()).isNull();
    }

    @Test
    void forecastsAndActualsMustPairUp() {
        assertThatThrownBy(() -> Accuracy.measure(new double[] { 1 }, new double[] { 1 }, new double[] { 1, 2 }, 52))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
