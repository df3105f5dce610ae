package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ForecastMemoTest {

    /** A Monday. */
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private final Forecasting forecasting = Forecasting.weekly();

    @Test
    void anUnchangedHistoryGetsItsLatestForecastBackWithoutAFit() {
        ForecastMemo<String> memo = new ForecastMemo<>(forecasting, 10);
        Forecast first = memo.forecast("A1/SKU-1", weekly(6, 0, 0, 6, 0, 0, 6, 0), 8);

        // when the same history is forecast again, from an equal but new series
        Forecast again = memo.forecast("A1/SKU-1", weekly(6, 0, 0, 6, 0, 0, 6, 0), 8);

        assertSameForecast(again, first);
        assertThat(memo.fitted()).isEqualTo(1);
        assertThat(memo.reused()).isEqualTo(1);
    }

    @Test
    void aChangedHistoryIsFittedAgain() {
        ForecastMemo<String> memo = new ForecastMemo<>(forecasting, 10);
        memo.forecast("A1/SKU-1", weekly(4, 6, 4, 6), 4);

        Forecast moreDemand = memo.forecast("A1/SKU-1", weekly(4, 6, 4, 7), 4);
        Forecast aWeekLater = memo.forecast("A1/SKU-1", weekly(4, 6, 4, 7, 0), 4);

        assertSameForecast(moreDemand, forecasting.forecast(weekly(4, 6, 4, 7), 4));
        assertSameForecast(aWeekLater, forecasting.forecast(weekly(4, 6, 4, 7, 0), 4));
        assertThat(memo.fitted()).isEqualTo(3);
        assertThat(memo.reused()).isZero();
    }

    @Test
    void theSizersAndThePeakPlansHorizonsOfOneHistoryShareOneFit() {
        // given a history the sizer forecast 8 weeks ahead
        ForecastMemo<String> memo = new ForecastMemo<>(forecasting, 10);
        DemandSeries history = weekly(3, 0, 5, 4, 0, 6, 2, 0, 4, 5, 0, 3);
        memo.forecast("A1/SKU-1", history, 8);

        // when the peak plan forecasts it 26 weeks ahead, and the sizer 8 again
        Forecast peakPlan = memo.forecast("A1/SKU-1", history, 26);
        Forecast sizer = memo.forecast("A1/SKU-1", history, 8);

        // then neither is fitted again, and each is the forecast from scratch for its horizon
        assertThat(memo.fitted()).isEqualTo(1);
        assertThat(memo.reused()).isEqualTo(2);
        assertSameForecast(peakPlan, forecasting.forecast(history, 26));
        assertSameForecast(sizer, forecasting.forecast(history, 8));
        assertThat(peakPlan.values()).hasSize(26);
        assertThat(sizer.values()).hasSize(8);
    }

    @Test
    void theSameDemandStartingInAnotherWeekIsAnotherHistory() {
        ForecastMemo<String> memo = new ForecastMemo<>(forecasting, 10);
        Forecast first = memo.forecast("A1/SKU-1", weekly(4, 6, 4, 6), 4);

        Forecast shifted = memo.forecast("A1/SKU-1", DemandSeries.of(START.plus(DemandSeries.WEEK), DemandSeries.WEEK,
                4, 6, 4, 6), 4);

        assertThat(shifted.start()).isEqualTo(first.start().plus(DemandSeries.WEEK));
        assertThat(memo.fitted()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedHistoryIsForgottenFirst() {
        ForecastMemo<String> memo = new ForecastMemo<>(forecasting, 2);
        memo.forecast("A", weekly(1, 2), 2);
        memo.forecast("B", weekly(3, 4), 2);
        memo.forecast("A", weekly(1, 2), 2); // A used after B

        memo.forecast("C", weekly(5, 6), 2); // B leaves

        assertThat(memo.size()).isEqualTo(2);
        memo.forecast("A", weekly(1, 2), 2);
        memo.forecast("B", weekly(3, 4), 2);
        assertThat(memo.fitted()).as("A, B, C, then B again").isEqualTo(4);
        assertThat(memo.reused()).isEqualTo(2);
    }

    @Test
    void withNoRoomEveryForecastIsFitted() {
        ForecastMemo<String> memo = new ForecastMemo<>(forecasting, 0);

        memo.forecast("A", weekly(1, 2), 2);
        memo.forecast("A", weekly(1, 2), 2);

        assertThat(memo.fitted()).isEqualTo(2);
        assertThat(memo.size()).isZero();
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThatThrownBy(() -> new ForecastMemo<>(forecasting, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }

    @Test
    void everyAnswerIsTheForecastFromScratch() {
        // given a small memory and histories of a few keys that grow, change in the past and repeat
        Random random = new Random(12);
        ForecastMemo<Integer> memo = new ForecastMemo<>(forecasting, 3);
        double[][] histories = new double[5][];
        for (int key = 0; key < histories.length; key++) {
            histories[key] = randomDemand(random, 20 + random.nextInt(40));
        }

        for (int step = 0; step < 2_000; step++) {
            int key = random.nextInt(histories.length);
            switch (random.nextInt(4)) {
                case 0 -> histories[key] = append(histories[key], random.nextInt(3) == 0 ? random.nextInt(20) : 0);
                case 1 -> histories[key][random.nextInt(histories[key].length)] = random.nextInt(20);
                default -> { } // unchanged: the usual case between two weeks' ends
            }
            int horizon = 1 + random.nextInt(30);

            Forecast answer = memo.forecast(key, weekly(histories[key]), horizon);

            assertSameForecast(answer, forecasting.forecast(weekly(histories[key]), horizon));
        }
        assertThat(memo.reused()).as("unchanged histories were not fitted again").isPositive();
    }

    private static void assertSameForecast(Forecast actual, Forecast expected) {
        assertThat(actual.model()).isEqualTo(expected.model());
        assertThat(actual.parameters()).isEqualTo(expected.parameters());
        assertThat(actual.start()).isEqualTo(expected.start());
        assertThat(actual.historyLength()).isEqualTo(expected.historyLength());
        assertThat(actual.values()).isEqualTo(expected.values());
        assertThat(actual.accuracy()).isEqualTo(expected.accuracy());
    }

    private static DemandSeries weekly(double... demand) {
        return DemandSeries.of(START, DemandSeries.WEEK, demand);
    }

    private static double[] randomDemand(Random random, int weeks) {
        double[] demand = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            demand[t] = random.nextInt(3) == 0 ? random.nextInt(20) : 0;
        }
        return demand;
    }

    private static double[] append(double[] demand, double next) {
        double[] longer = java.util.Arrays.copyOf(demand, demand.length + 1);
        longer[demand.length] = next;
        return longer;
    }
}
