package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kam.supply.forecast.Forecast.Peak;

class ForecastTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    private final Forecast forecast = new Forecast(ModelChoice.SEASONAL_NAIVE, Map.of("seasonLength", 52.0), MONDAY,
            DemandSeries.WEEK, 60, new double[] { 1, 2, 3, 9, 4, 9, 5, 6, 7, 8 }, null);

    @Test
    void demandInTheNextEightWeeksIsTheSumOfTheFirstEightPeriods() {
        assertThat(forecast.totalOfNext(8)).isEqualTo(39); // 1 + 2 + 3 + 9 + 4 + 9 + 5 + 6
    }

    @Test
    void aTotalRunsFromItsFirstPeriodUpToButWithoutItsLast() {
        assertThat(forecast.total(3, 6)).isEqualTo(22); // 9 + 4 + 9
        assertThat(forecast.total(4, 4)).isZero();
    }

    @Test
    void thePeakIsTheHighestPeriodAndTheEarliestOfEqualOnes() {
        assertThat(forecast.peak()).isEqualTo(new Peak(3, Instant.parse("2026-03-23T00:00:00Z"), 9));
        assertThat(forecast.peak(4, 10)).isEqualTo(new Peak(5, Instant.parse("2026-04-06T00:00:00Z"), 9));
        assertThat(forecast.peak(6, 10)).isEqualTo(new Peak(9, Instant.parse("2026-05-04T00:00:00Z"), 8));
    }

    @Test
    void periodsAreWeeksFromTheStart() {
        assertThat(forecast.periodStart(0)).isEqualTo(MONDAY);
        assertThat(forecast.periodStart(10)).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
        assertThat(forecast.horizon()).isEqualTo(10);
    }

    @Test
    void periodsOutsideTheHorizonAreRejected() {
        assertThatThrownBy(() -> forecast.totalOfNext(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= from <= to <= 10");
        assertThatThrownBy(() -> forecast.total(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forecast.peak(3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> forecast.values().set(0, 5.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> forecast.parameters().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
