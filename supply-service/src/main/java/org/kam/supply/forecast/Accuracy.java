package org.kam.supply.forecast;

/**
 * How well a model forecast a hold-out: the last {@code periods} periods of a history, forecast by
 * the same kind of model fitted to the periods before them. With error e = forecast − actual per
 * period:
 * <ul>
 * <li>{@code mae} = mean |e|, {@code rmse} = √(mean e²), in units;</li>
 * <li>{@code bias} = mean e: positive when the model forecast too much;</li>
 * <li>{@code mase} = mae / the mean absolute one-step error of the naive benchmark within the
 * training periods: "same period last season" when they hold more than one season, else "same as
 * the period before". Below 1: better than the benchmark. {@code null} when the benchmark has no
 * error (a constant or perfectly repeating history; errors below a billionth of the mean demand
 * count as rounding) or fewer than two training periods;</li>
 * <li>{@code wape} = Σ |e| / Σ actual, a share of the held-out demand; {@code null} when the
 * held-out demand is 0.</li>
 * </ul>
 * No value is ever NaN or infinite.
 */
public record Accuracy(int periods, double mae, double rmse, double bias, Double mase, Double wape) {

    /** A benchmark error below this share of the mean demand is rounding, not error. */
    private static final double NO_ERROR = 1e-9;

    /** Compares {@code forecast} with {@code actual}, held out after {@code training}. */
    static Accuracy measure(double[] training, double[] actual, double[] forecast, int seasonLength) {
        if (actual.length == 0 || actual.length != forecast.length) {
            throw new IllegalArgumentException("need as many forecasts as actuals, and at least one; were "
                    + forecast.length + " and " + actual.length);
        }
        int k = actual.length;
        double absolute = 0;
        double squared = 0;
        double signed = 0;
        double demand = 0;
        for (int i = 0; i < k; i++) {
            double error = forecast[i] - actual[i];
            absolute += Math.abs(error);
            squared += error * error;
            signed += error;
            demand += actual[i];
        }
        double mae = absolute / k;
        double scale = naiveScale(training, seasonLength);
        return new Accuracy(k, mae, Math.sqrt(squared / k), signed / k,
                scale > NO_ERROR * meanAbsolute(training) ? mae / scale : null,
                demand > 0 ? absolute / demand : null);
    }

    private static double meanAbsolute(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += Math.abs(value);
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** Mean absolute one-step error of the naive benchmark in the training periods; 0 when there is none. */
    private static double naiveScale(double[] training, int seasonLength) {
        int lag = training.length > seasonLength ? seasonLength : 1;
        if (training.length <= lag) {
            return 0;
        }
        double sum = 0;
        for (int t = lag; t < training.length; t++) {
            sum += Math.abs(training[t] - training[t - lag]);
        }
        return sum / (training.length - lag);
    }
}
