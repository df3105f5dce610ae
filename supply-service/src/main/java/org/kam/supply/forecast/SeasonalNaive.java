package org.kam.supply.forecast;

import java.util.Arrays;
import java.util.Map;

/**
 * Seasonal naive: each period is forecast with the demand of the same period one season earlier,
 * so the last full season repeats. With less than one season of history, every period is forecast
 * with the mean of the history (0 for an empty one).
 */
final class SeasonalNaive implements DemandModel {

    private final double[] history;
    private final int seasonLength;

    private SeasonalNaive(double[] history, int seasonLength) {
        this.history = history;
        this.seasonLength = seasonLength;
    }

    static SeasonalNaive fit(double[] history, int seasonLength) {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("seasonLength must be 1 or more, was " + seasonLength);
        }
        return new SeasonalNaive(history.clone(), seasonLength);
    }

    /**
     * Mean squared error of "same period last season" over the periods from the second season on,
     * the in-sample error of this model; NaN with no full season before the last period.
     */
    static double meanSquaredError(double[] history, int seasonLength) {
        if (history.length <= seasonLength) {
            return Double.NaN;
        }
        double sum = 0;
        for (int t = seasonLength; t < history.length; t++) {
            double error = history[t] - history[t - seasonLength];
            sum += error * error;
        }
        return sum / (history.length - seasonLength);
    }

    @Override
    public ModelChoice kind() {
        return ModelChoice.SEASONAL_NAIVE;
    }

    @Override
    public Map<String, Double> parameters() {
        return Map.of("seasonLength", (double) seasonLength);
    }

    @Override
    public double[] forecast(int horizon) {
        int n = history.length;
        double[] forecast = new double[horizon];
        if (n >= seasonLength) {
            for (int i = 0; i < horizon; i++) {
                forecast[i] = history[n - seasonLength + i % seasonLength];
            }
        } else {
            Arrays.fill(forecast, n == 0 ? 0 : Arrays.stream(history).sum() / n);
        }
        return forecast;
    }
}
