package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrostonTsbTest {

    /** Demand in 2 of 8 weeks: 6 in week 3, 2 in week 7. */
    private static final double[] INTERMITTENT = { 0, 0, 6, 0, 0, 0, 2, 0 };

    @Test
    void theForecastIsTheSmoothedDemandProbabilityTimesTheSmoothedDemandSize() {
        // given size smoothing alpha = 0.25 and probability smoothing beta = 0.5; the start is
        // p = 2 / 8 = 0.25 (share of weeks with demand) and z = (6 + 2) / 2 = 4 (mean demand)
        // when
        CrostonTsb model = CrostonTsb.withParameters(INTERMITTENT, 0.25, 0.5);

        // then p halves in each week without demand and moves halfway to 1 in each week with demand:
        //   0.125, 0.0625, 0.53125, 0.265625, 0.1328125, 0.06640625, 0.533203125, 0.2666015625
        // and z moves a quarter of the way to each demand: 4 + (6 - 4) / 4 = 4.5, 4.5 + (2 - 4.5) / 4 = 3.875
        assertThat(model.probability()).isEqualTo(0.2666015625);
        assertThat(model.size()).isEqualTo(3.875);
        assertThat(model.forecast(3)).containsExactly(1.0330810546875, 1.0330810546875, 1.0330810546875);
    }

    @Test
    void theForecastFadesWhileNothingIsBought() {
        // given the same history followed by four more weeks without demand
        double[] quiet = { 0, 0, 6, 0, 0, 0, 2, 0, 0, 0, 0, 0 };

        // when
        CrostonTsb model = CrostonTsb.withParameters(quiet, 0.25, 0.5);

        // then the size stays 3.875, and the probability, starting at 2 / 12 = 1/6, is
        //   1/12, 1/24, 25/48 (demand), 25/96, 25/192, 25/384, 409/768 (demand)
        // and then halves in each of the five quiet weeks: 409/24576, about 0.0166
        assertThat(model.size()).isEqualTo(3.875);
        assertThat(model.probability()).isCloseTo(409.0 / 24576, within(1e-15));
        assertThat(model.forecast(1)[0]).isCloseTo(409.0 / 24576 * 3.875, within(1e-15));
    }

    @Test
    void fittedSmoothingStaysLowAsAdvisedForIntermittentDemand() {
        CrostonTsb model = CrostonTsb.fit(INTERMITTENT);

        assertThat(model.parameters()).containsOnlyKeys("alpha", "beta");
        assertThat(model.parameters().values()).allSatisfy(value -> assertThat(value).isBetween(0.01, 0.5));
    }

    @Test
    void aHistoryWithoutDemandIsRejected() {
        assertThatThrownBy(() -> CrostonTsb.fit(new double[] { 0, 0 })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("some demand");
    }
}
