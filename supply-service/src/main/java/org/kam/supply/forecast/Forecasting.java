package org.kam.supply.forecast;

import java.util.Arrays;

/**
 * Demand forecasts with their accuracy, for one demand history at a time (a SKU, or an account's
 * demand for a SKU). Plain Java and thread-safe (immutable); a forecast from three years of weekly
 * history, both Holt-Winters fits included, takes about half a millisecond, so it can be recomputed
 * on every change.
 *
 * <p><b>Models</b> (m = season length, 52 weeks by default):
 * <ul>
 * <li>{@link DampedHoltWinters damped Holt-Winters}: level, damped trend and additive seasonality,
 * smoothing parameters fitted to the history; for regular demand with two full seasons;</li>
 * <li>{@link SeasonalNaive seasonal naive}: last season repeated, or the mean of a history shorter
 * than a season; for short histories;</li>
 * <li>{@link CrostonTsb Croston/TSB}: demand probability × demand size, flat over the horizon; for
 * intermittent demand (most periods without any).</li>
 * </ul>
 *
 * <p><b>Hold-out and choice.</b> The last k = min({@code maxHoldOut}, n / 4) periods of a history of
 * n periods are held out (none for n &lt; 4). The model is chosen by {@link ModelChoice the rule} from
 * the other n − k periods alone, fitted to them, and its forecasts of the k held-out periods are
 * compared with what happened ({@link Accuracy}). Then the same model is fitted to the whole history
 * for the forecast itself, so the accuracy reported is the accuracy of the model that is used.
 * Holt-Winters therefore needs 2m + k periods: 117 weeks with the defaults. (Seasonal naive is the
 * one model whose two fits can differ in kind: with between m and m + k periods of history, the
 * training part is shorter than a season and is forecast by its mean, while the forecast repeats the
 * last season.)
 */
public final class Forecasting {

    public static final int WEEKS_PER_YEAR = 52;
    public static final int MAX_HOLD_OUT = 13;
    /** Syntetos–Boylan: demand with a longer average interval between demands is intermittent. */
    public static final double INTERMITTENT_ADI = 1.32;

    private final int seasonLength;
    private final int maxHoldOut;
    private final double intermittentAdi;

    public Forecasting(int seasonLength, int maxHoldOut, double intermittentAdi) {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("seasonLength must be 1 or more, was " + seasonLength);
        }
        if (maxHoldOut < 0) {
            throw new IllegalArgumentException("maxHoldOut must be 0 or more, was " + maxHoldOut);
        }
        if (!(intermittentAdi >= 1)) {
            throw new IllegalArgumentException("intermittentAdi must be 1 or more, was " + intermittentAdi);
        }
        this.seasonLength = seasonLength;
        this.maxHoldOut = maxHoldOut;
        this.intermittentAdi = intermittentAdi;
    }

    /** For weekly series: a 52-week season, up to 13 weeks held out, intermittent above ADI 1.32. */
    public static Forecasting weekly() {
        return new Forecasting(WEEKS_PER_YEAR, MAX_HOLD_OUT, INTERMITTENT_ADI);
    }

    /** Forecasts the {@code horizon} periods after {@code series}, with the accuracy on its hold-out. */
    public Forecast forecast(DemandSeries series, int horizon) {
        requireHorizon(horizon);
        return fit(series).forecast(horizon);
    }

    /**
     * The model chosen and fitted for {@code series}, with its accuracy on the hold-out: what a forecast
     * of any horizon is made from (the choice and the fit do not depend on the horizon, so
     * {@link ForecastMemo} keeps this and answers every horizon from it).
     */
    Fit fit(DemandSeries series) {
        double[] history = series.values();
        int n = history.length;
        int heldOut = holdOut(n);
        double[] training = Arrays.copyOf(history, n - heldOut);
        ModelChoice choice = ModelChoice.of(training, seasonLength, intermittentAdi);
        Accuracy accuracy = null;
        if (heldOut > 0) {
            double[] actual = Arrays.copyOfRange(history, n - heldOut, n);
            accuracy = Accuracy.measure(training, actual, choice.fit(training, seasonLength).forecast(heldOut),
                    seasonLength);
        }
        return new Fit(choice, choice.fit(history, seasonLength), series, accuracy);
    }

    /** A model fitted to one history; {@link #forecast} of it for any horizon. */
    record Fit(ModelChoice choice, DemandModel model, DemandSeries series, Accuracy accuracy) {

        Forecast forecast(int horizon) {
            requireHorizon(horizon);
            return new Forecast(choice, model.parameters(), series.end(), series.periodLength(), series.length(),
                    model.forecast(horizon), accuracy);
        }
    }

    private static void requireHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be 1 or more, was " + horizon);
        }
    }

    /** Periods held out of a history of {@code n} periods. */
    int holdOut(int n) {
        return Math.min(maxHoldOut, n / 4);
    }
}
