package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kam.supply.forecast.Forecast.Peak;

class ForecastingTest {

    private static final int YEAR = 52;
    /** A Monday: the three-year histories below end on Monday 28 December 2026. */
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private final Forecasting forecasting = Forecasting.weekly();

    @Test
    void theAccuracyIsThatOfTheSameModelOnTheLastQuarterHeldOut() {
        // given 8 weeks alternating 4 and 6: the last 8 / 4 = 2 weeks are held out, and the 6 weeks
        // before them (less than a season, demand every week) get seasonal naive: their mean, 5
        DemandSeries series = series(4, 6, 4, 6, 4, 6, 4, 6);

        // when
        Forecast forecast = forecasting.forecast(series, 4);

        // then 5 was forecast for 4 and 6: errors +1 and -1; the benchmark ("same as the week
        // before") errs by 2 each week; 2 of 10 units missed
        assertThat(forecast.model()).isEqualTo(ModelChoice.SEASONAL_NAIVE);
        assertThat(forecast.accuracy()).contains(new Accuracy(2, 1.0, 1.0, 0.0, 0.5, 0.2));
        // and the forecast itself is the mean of all 8 weeks, from the week after the history
        assertThat(forecast.values()).containsExactly(5.0, 5.0, 5.0, 5.0);
        assertThat(forecast.start()).isEqualTo(series.end()).isEqualTo(Instant.parse("2024-02-26T00:00:00Z"));
        assertThat(forecast.historyLength()).isEqualTo(8);
    }

    @Test
    void atMostThirteenWeeksAndAtMostAQuarterOfTheHistoryAreHeldOut() {
        assertThat(forecasting.holdOut(3)).isZero();
        assertThat(forecasting.holdOut(4)).isEqualTo(1);
        assertThat(forecasting.holdOut(51)).isEqualTo(12);
        assertThat(forecasting.holdOut(156)).isEqualTo(13);
        assertThat(new Forecasting(YEAR, 4, Forecasting.INTERMITTENT_ADI).holdOut(156)).isEqualTo(4);
    }

    @Test
    void aHistoryTooShortToHoldOutAWeekHasNoAccuracy() {
        Forecast forecast = forecasting.forecast(series(3, 5, 7), 2);

        assertThat(forecast.accuracy()).isEmpty();
        assertThat(forecast.values()).containsExactly(5.0, 5.0);
    }

    @Test
    void anEmptyHistoryForecastsZeroWithoutAccuracy() {
        Forecast forecast = forecasting.forecast(series(), 3);

        assertThat(forecast.model()).isEqualTo(ModelChoice.SEASONAL_NAIVE);
        assertThat(forecast.values()).containsExactly(0.0, 0.0, 0.0);
        assertThat(forecast.accuracy()).isEmpty();
    }

    @Test
    void aConstantDemandIsForecastAsThatConstantWithoutError() {
        double[] history = new double[3 * YEAR];
        Arrays.fill(history, 10);

        Forecast forecast = forecasting.forecast(series(history), 8);

        assertThat(forecast.model()).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
        assertThat(forecast.values()).allSatisfy(value -> assertThat(value).isCloseTo(10, within(1e-9)));
        assertThat(forecast.totalOfNext(8)).isCloseTo(80, within(1e-9));
        Accuracy accuracy = forecast.accuracy().orElseThrow();
        assertThat(accuracy.mae()).isCloseTo(0, within(1e-9));
        assertThat(accuracy.wape()).isCloseTo(0, within(1e-9));
        assertThat(accuracy.mase()).as("the benchmark makes no error either").isNull();
    }

    @Test
    void aYearlyWaveIsForecastWithItsPeakInTheRightWeek() {
        // given three years of 100 + 50 sin(2 pi t / 52), which peaks in week 13 of each year
        double[] history = new double[3 * YEAR];
        for (int t = 0; t < history.length; t++) {
            history[t] = DampedHoltWintersTest.wave(t);
        }

        // when
        Forecast forecast = forecasting.forecast(series(history), YEAR);

        // then
        Peak peak = forecast.peak();
        assertThat(peak.period()).isEqualTo(13);
        assertThat(peak.start()).isEqualTo(Instant.parse("2027-03-29T00:00:00Z"));
        assertThat(peak.value()).isCloseTo(150, within(1e-9));
        assertThat(forecast.accuracy().orElseThrow().mae()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aNoisyYearlyWaveIsForecastBetterThanLastYearsSameWeek() {
        // given the wave plus noise with a standard deviation of 5 units
        Random random = new Random(7);
        double[] history = new double[3 * YEAR];
        for (int t = 0; t < history.length; t++) {
            history[t] = DampedHoltWintersTest.wave(t) + 5 * random.nextGaussian();
        }

        // when
        Forecast forecast = forecasting.forecast(series(history), 13);

        // then on the 13 held-out weeks its mean error is below that of seasonal naive in the
        // training years (MASE < 1), and the held-out demand is missed by less than 10 %
        Accuracy accuracy = forecast.accuracy().orElseThrow();
        assertThat(forecast.model()).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
        assertThat(accuracy.periods()).isEqualTo(13);
        assertThat(accuracy.mase()).isLessThan(1.0);
        assertThat(accuracy.wape()).isLessThan(0.1);
    }

    @Test
    void intermittentDemandIsForecastFlatByTsb() {
        // given 6 units every third week for three years
        double[] history = new double[3 * YEAR];
        for (int t = 0; t < history.length; t += 3) {
            history[t] = 6;
        }

        Forecast forecast = forecasting.forecast(series(history), 8);

        // then about 6 / 3 = 2 a week
        assertThat(forecast.model()).isEqualTo(ModelChoice.CROSTON_TSB);
        assertThat(forecast.parameters()).containsOnlyKeys("alpha", "beta");
        assertThat(forecast.values()).allSatisfy(value -> assertThat(value).isEqualTo(forecast.value(0)));
        assertThat(forecast.value(0)).isBetween(1.0, 4.0);
    }

    @Test
    void aSummerItemIsForecastForNextSummerAndNothingBefore() {
        // given demand only in weeks 20 to 35 of each of three years
        Forecast forecast = forecasting.forecast(series(ModelChoiceTest.summerOnly(3 * YEAR)), YEAR);

        assertThat(forecast.model()).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
        assertThat(forecast.peak().period()).isBetween(20, 35);
        assertThat(forecast.total(0, 15)).isLessThan(0.1 * forecast.total(20, 36));
    }

    @Test
    void theHorizonMustBeAtLeastOnePeriod() {
        assertThatThrownBy(() -> forecasting.forecast(series(1, 2), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DemandSeries series(double... history) {
        return DemandSeries.of(START, DemandSeries.WEEK, history);
    }
}
