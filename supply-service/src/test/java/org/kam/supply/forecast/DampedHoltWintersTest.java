package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DampedHoltWintersTest {

    private static final int YEAR = 52;

    @Test
    void theRecursionsMoveLevelTrendAndSeasonByHalfOfOneSurprise() {
        // given a season of 2 periods and the history 1, 3, 3, 5, 6: the first two seasons lie on the
        // line 0.5 + t with season terms -0.5 and +0.5, so the start is level 0.5, trend 1 and the
        // first four periods are forecast exactly; period 5 is forecast 4.5 + 1 - 0.5 = 5 but is 6
        double[] history = { 1, 3, 3, 5, 6 };

        // when smoothed with alpha = beta = gamma = 0.5 and no damping
        DampedHoltWinters model = DampedHoltWinters.withParameters(history, 2, 0.5, 0.5, 0.5, 1.0);

        // then level = 0.5 (6 + 0.5) + 0.5 (4.5 + 1) = 6, trend = 0.5 (6 - 4.5) + 0.5 * 1 = 1.25,
        // the season term of odd periods = 0.5 (6 - 5.5) + 0.5 (-0.5) = 0; even periods keep +0.5
        assertThat(model.level()).isEqualTo(6.0);
        assertThat(model.trend()).isEqualTo(1.25);
        assertThat(model.forecast(3)).containsExactly(6 + 1.25 + 0.5, 6 + 2.5 + 0, 6 + 3.75 + 0.5);
    }

    @Test
    void dampingAddsPhiPlusPhiSquaredAndSoOnTimesTheTrend() {
        // given the same start (level 0.5, trend 1, season terms -0.5 and +0.5), phi = 0.5 and
        // nothing learnt from the demand (alpha = beta = gamma = 0): each period the level grows by
        // phi times the trend and the trend halves, so after five periods
        // level = 0.5 + 0.5 + 0.25 + 0.125 + 0.0625 + 0.03125 = 1.46875 and trend = 0.5^5 = 0.03125
        double[] history = { 1, 3, 3, 5, 6 };
        DampedHoltWinters model = DampedHoltWinters.withParameters(history, 2, 0, 0, 0, 0.5);

        // when
        double[] forecast = model.forecast(3);

        // then step h adds (0.5 + ... + 0.5^h) of the trend to the level, plus the season term
        assertThat(model.level()).isEqualTo(1.46875);
        assertThat(model.trend()).isEqualTo(0.03125);
        assertThat(forecast).containsExactly(
                1.46875 + 0.5 * 0.03125 + 0.5,
                1.46875 + 0.75 * 0.03125 - 0.5,
                1.46875 + 0.875 * 0.03125 + 0.5);
    }

    @Test
    void aConstantDemandIsForecastAsThatConstant() {
        double[] history = new double[3 * YEAR];
        Arrays.fill(history, 10);

        double[] forecast = DampedHoltWinters.fit(history, YEAR).forecast(2 * YEAR);

        assertThat(forecast).usingComparatorWithPrecision(1e-9).containsOnly(10.0);
    }

    @Test
    void aLinearTrendIsFollowedWithItsIncreaseDampedByPhi() {
        // given three years rising by 2 a week, from 100 to 410
        double[] history = new double[3 * YEAR];
        for (int t = 0; t < history.length; t++) {
            history[t] = 100 + 2 * t;
        }

        // when
        DampedHoltWinters model = DampedHoltWinters.fit(history, YEAR);
        double[] forecast = model.forecast(13);

        // then the least damping is best for a straight line, and the forecast h weeks ahead is
        // 410 + 2 (phi + ... + phi^h). A damped model cannot follow a straight line exactly: each
        // one-step forecast falls short by (1 - phi) 2 = 0.04, which alpha = beta = 0.99 correct
        // almost wholly, so the level ends within 0.002 of 410 (it is 0.0012 below) and the trend
        // within 0.001 of 2 (0.0004 below). 13 weeks ahead, where phi + ... + phi^13 = 11.3, that
        // is at most 0.002 + 11.3 * 0.001 = 0.014 off the formula: 0.02 is a safe bound, and small
        // next to the 2 * 13 - 2 * 11.3 = 3.4 units the damping takes off the straight line.
        assertThat(model.level()).isCloseTo(410, within(0.002));
        assertThat(model.trend()).isCloseTo(2, within(0.001));
        assertThat(model.parameters()).containsEntry("phi", DampedHoltWinters.MAX_DAMPING);
        double steps = 0;
        for (int h = 1; h <= 13; h++) {
            steps += Math.pow(0.98, h);
            assertThat(forecast[h - 1]).as("week %d", h).isCloseTo(410 + 2 * steps, within(0.02))
                    .isLessThan(410 + 2 * h);
        }
    }

    @Test
    void aRepeatingSeasonalPatternIsReproduced() {
        // given three years of the same yearly wave, 100 ± 50
        double[] history = new double[3 * YEAR];
        for (int t = 0; t < history.length; t++) {
            history[t] = wave(t);
        }

        // when
        double[] forecast = DampedHoltWinters.fit(history, YEAR).forecast(YEAR);

        // then the next year is the same wave, up to rounding
        for (int h = 0; h < YEAR; h++) {
            assertThat(forecast[h]).as("week %d", h).isCloseTo(wave(history.length + h), within(1e-9));
        }
    }

    @Test
    void aFallingTrendIsCutAtZero() {
        // given two years falling by 2.5 a week to 42.5
        double[] history = new double[2 * YEAR];
        for (int t = 0; t < history.length; t++) {
            history[t] = 300 - 2.5 * t;
        }

        double[] forecast = DampedHoltWinters.fit(history, YEAR).forecast(YEAR);

        // then the forecast falls, and where the damped trend would pass below zero it is zero
        assertThat(forecast[0]).isCloseTo(42.5 - 2.5 * 0.98, within(0.05));
        assertThat(Arrays.stream(forecast).min().orElseThrow()).isNotNegative();
        assertThat(forecast[YEAR - 1]).isZero();
    }

    @Test
    void fittedParametersStayWithinTheirBounds() {
        double[] history = new double[2 * YEAR];
        for (int t = 0; t < history.length; t++) {
            history[t] = (t * 7919) % 13; // irregular
        }

        DampedHoltWinters model = DampedHoltWinters.fit(history, YEAR);

        assertThat(model.parameters()).containsOnlyKeys("alpha", "beta", "gamma", "phi", "seasonLength");
        double alpha = model.parameters().get("alpha");
        assertThat(alpha).isBetween(0.01, 0.99);
        assertThat(model.parameters().get("beta")).isBetween(0.01, 0.99);
        assertThat(model.parameters().get("gamma")).isBetween(0.01, 1 - alpha);
        assertThat(model.parameters().get("phi")).isBetween(0.8, 0.98);
        assertThat(model.parameters().get("seasonLength")).isEqualTo(52.0);
    }

    @Test
    void lessThanTwoSeasonsIsRejected() {
        assertThatThrownBy(() -> DampedHoltWinters.fit(new double[2 * YEAR - 1], YEAR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two full seasons");
    }

    static double wave(int t) {
        return 100 + 50 * Math.sin(2 * Math.PI * t / YEAR);
    }
}
