package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ModelChoiceTest {

    private static final int YEAR = 52;
    private static final double ADI = Forecasting.INTERMITTENT_ADI;

    @Test
    void regularDemandWithTwoFullSeasonsGetsHoltWinters() {
        assertThat(ModelChoice.of(regular(2 * YEAR), YEAR, ADI)).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
    }

    @Test
    void regularDemandWithLessThanTwoSeasonsGetsSeasonalNaive() {
        assertThat(ModelChoice.of(regular(2 * YEAR - 1), YEAR, ADI)).isEqualTo(ModelChoice.SEASONAL_NAIVE);
        assertThat(ModelChoice.of(regular(10), YEAR, ADI)).isEqualTo(ModelChoice.SEASONAL_NAIVE);
    }

    @Test
    void demandInOnlyEveryThirdWeekGetsTsbEvenWithThreeYearsOfHistory() {
        // given 6 units every third week: ADI 3, and the gaps do not come back at the same time of year
        double[] history = new double[3 * YEAR];
        for (int t = 0; t < history.length; t += 3) {
            history[t] = 6;
        }

        assertThat(ModelChoice.of(history, YEAR, ADI)).isEqualTo(ModelChoice.CROSTON_TSB);
    }

    @Test
    void demandIsIntermittentWhenTheAverageIntervalBetweenDemandsExceedsOnePointThreeTwo() {
        // demand in 3 of 4 weeks: ADI 4/3 = 1.33; in 4 of 5: ADI 1.25
        assertThat(ModelChoice.of(new double[] { 5, 5, 0, 5 }, YEAR, ADI)).isEqualTo(ModelChoice.CROSTON_TSB);
        assertThat(ModelChoice.of(new double[] { 5, 5, 0, 5, 5 }, YEAR, ADI)).isEqualTo(ModelChoice.SEASONAL_NAIVE);
    }

    @Test
    void anItemBoughtOnlyInSummerIsSeasonalNotIntermittent() {
        // given demand only in weeks 20 to 35 of each year: zero in 70 % of the weeks (ADI 3.25), but
        // last year's same week predicts the zeros perfectly
        assertThat(ModelChoice.of(summerOnly(3 * YEAR), YEAR, ADI)).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
        assertThat(ModelChoice.of(summerOnly(YEAR + 30), YEAR, ADI)).isEqualTo(ModelChoice.SEASONAL_NAIVE);
    }

    @Test
    void aHistoryWithoutAnyDemandGetsSeasonalNaiveWhichForecastsZero() {
        assertThat(ModelChoice.of(new double[0], YEAR, ADI)).isEqualTo(ModelChoice.SEASONAL_NAIVE);
        assertThat(ModelChoice.of(new double[5], YEAR, ADI)).isEqualTo(ModelChoice.SEASONAL_NAIVE);
    }

    @Test
    void holtWintersNeedsTwoSeasonsBesidesTheHoldOut() {
        // given regular weekly demand: 116 weeks hold out 13 and leave 103 for the choice, 117 leave 104
        Forecasting forecasting = Forecasting.weekly();

        assertThat(forecasting.forecast(series(regular(116)), 1).model()).isEqualTo(ModelChoice.SEASONAL_NAIVE);
        assertThat(forecasting.forecast(series(regular(117)), 1).model()).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
    }

    /** Demand every week, between 20 and 29. */
    static double[] regular(int weeks) {
        double[] history = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            history[t] = 20 + (t * 7) % 10;
        }
        return history;
    }

    /** 15 to 25 units in weeks 20 to 35 of each year, nothing otherwise. */
    static double[] summerOnly(int weeks) {
        double[] history = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            int week = t % YEAR;
            history[t] = week >= 20 && week < 36 ? 15 + (t * 7) % 11 : 0;
        }
        return history;
    }

    static DemandSeries series(double... history) {
        return DemandSeries.of(Instant.parse("2024-01-01T00:00:00Z"), DemandSeries.WEEK, history);
    }
}
