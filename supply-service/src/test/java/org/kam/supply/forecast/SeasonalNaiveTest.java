package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {

    @Test
    void eachPeriodIsForecastWithTheSamePeriodOneSeasonEarlier() {
        // given a season of 4 periods and six periods of history
        double[] history = { 1, 2, 3, 4, 5, 6 };

        // when
        double[] forecast = SeasonalNaive.fit(history, 4).forecast(6);

        // then the last season, 3 4 5 6, repeats
        assertThat(forecast).containsExactly(3, 4, 5, 6, 3, 4);
    }

    @Test
    void withLessThanOneSeasonTheMeanOfTheHistoryIsForecast() {
        double[] forecast = SeasonalNaive.fit(new double[] { 4, 6, 11 }, 52).forecast(3);

        assertThat(forecast).containsExactly(7, 7, 7);
    }

    @Test
    void anEmptyHistoryForecastsZero() {
        assertThat(SeasonalNaive.fit(new double[0], 52).forecast(2)).containsExactly(0, 0);
    }

    @Test
    void itsInSampleErrorComparesEachPeriodAfterTheFirstSeasonWithTheOneASeasonBefore() {
        // given errors 5 - 1 = 4 and 2 - 2 = 0 after a season of 2
        assertThat(SeasonalNaive.meanSquaredError(new double[] { 1, 2, 5, 2 }, 2)).isEqualTo(8);
        assertThat(SeasonalNaive.meanSquaredError(new double[] { 1, 2 }, 2)).isNaN();
    }

    @Test
    void itNamesItsSeasonLength() {
        assertThat(SeasonalNaive.fit(new double[] { 1 }, 52).parameters()).containsExactly(
                org.assertj.core.api.Assertions.entry("seasonLength", 52.0));
    }
}
