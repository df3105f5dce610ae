package org.kam.supply.forecast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holt-Winters exponential smoothing with a damped trend and additive seasonality (ETS(A,Ad,A);
 * Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 3rd ed., 8.3).
 *
 * <p>State: a level {@code l}, a trend {@code b} and one seasonal term {@code s} per period of the
 * season ({@code m} periods). For each period {@code t} with demand {@code y}:
 * <pre>
 *   one-step forecast  ŷ = l + φ b + s[t − m]
 *   l' = α (y − s[t − m]) + (1 − α)(l + φ b)
 *   b' = β (l' − l) + (1 − β) φ b
 *   s[t] = γ (y − l − φ b) + (1 − γ) s[t − m]
 * </pre>
 * and the forecast {@code h} periods after the last one is
 * {@code l + (φ + φ² + … + φ^h) b + s[the same period of the last season]}, at least 0. The damping
 * {@code φ < 1} makes the trend fade, so a recent rise is not extrapolated for ever.
 *
 * <p><b>Start</b> (from the first two seasons, hence at least {@code 2m} periods): trend
 * {@code b = (mean of season 2 − mean of season 1) / m}, level {@code l = mean of season 1 − b (m + 1) / 2}
 * (the straight line through both season means, taken back to just before the first period), and
 * {@code s[j]} = the mean over both seasons of the demand in position {@code j} minus that line.
 *
 * <p><b>Fit</b>: α, β, γ and φ minimise the sum of squared one-step-ahead errors over the whole
 * history ({@link BoxSearch}), with α, β, γ in [{@value #MIN_SMOOTHING}, {@value #MAX_SMOOTHING}],
 * γ ≤ 1 − α (the usual condition for a well-behaved seasonal model) and φ in
 * [{@value #MIN_DAMPING}, {@value #MAX_DAMPING}] (the range of Hyndman's {@code forecast} package).
 */
final class DampedHoltWinters implements DemandModel {

    static final double MIN_SMOOTHING = 0.01;
    static final double MAX_SMOOTHING = 0.99;
    static final double MIN_DAMPING = 0.8;
    static final double MAX_DAMPING = 0.98;
    private static final double[] LOWER = { MIN_SMOOTHING, MIN_SMOOTHING, MIN_SMOOTHING, MIN_DAMPING };
    private static final double[] UPPER = { MAX_SMOOTHING, MAX_SMOOTHING, MAX_SMOOTHING, MAX_DAMPING };
    private static final double[][] GRID = {
            { 0.1, 0.3, 0.5, 0.7, 0.9 }, // alpha
            { 0.01, 0.1, 0.3 }, // beta
            { 0.01, 0.1, 0.3 }, // gamma
            { 0.8, 0.9, 0.98 } }; // phi

    private final int seasonLength;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final Smoother state;

    private DampedHoltWinters(int seasonLength, double alpha, double beta, double gamma, double phi, Smoother state) {
        this.seasonLength = seasonLength;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.phi = phi;
        this.state = state;
    }

    /** The model with the parameters that fit {@code history} best; needs two full seasons. */
    static DampedHoltWinters fit(double[] history, int seasonLength) {
        requireTwoSeasons(history, seasonLength);
        double[] best = BoxSearch.minimise(p -> p[2] > 1 - p[0] ? Double.POSITIVE_INFINITY
                : new Smoother(history, seasonLength, p[0], p[1], p[2], p[3]).sumOfSquaredErrors,
                LOWER, UPPER, GRID);
        return withParameters(history, seasonLength, best[0], best[1], best[2], best[3]);
    }

    /** The model with the given parameters, each within [0, 1]; needs two full seasons. */
    static DampedHoltWinters withParameters(double[] history, int seasonLength, double alpha, double beta,
            double gamma, double phi) {
        requireTwoSeasons(history, seasonLength);
        for (double parameter : new double[] { alpha, beta, gamma, phi }) {
            if (!(parameter >= 0 && parameter <= 1)) {
                throw new IllegalArgumentException("alpha, beta, gamma and phi must be within [0, 1], were "
                        + alpha + ", " + beta + ", " + gamma + ", " + phi);
            }
        }
        return new DampedHoltWinters(seasonLength, alpha, beta, gamma, phi,
                new Smoother(history, seasonLength, alpha, beta, gamma, phi));
    }

    @Override
    public ModelChoice kind() {
        return ModelChoice.DAMPED_HOLT_WINTERS;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("alpha", alpha);
        parameters.put("beta", beta);
        parameters.put("gamma", gamma);
        parameters.put("phi", phi);
        parameters.put("seasonLength", (double) seasonLength);
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public double[] forecast(int horizon) {
        double[] forecast = new double[horizon];
        double dampedSteps = 0;
        double power = 1;
        for (int h = 1; h <= horizon; h++) {
            power *= phi;
            dampedSteps += power;
            double seasonal = state.seasonal[(state.periods + h - 1) % seasonLength];
            forecast[h - 1] = Math.max(0, state.level + dampedSteps * state.trend + seasonal);
        }
        return forecast;
    }

    double level() {
        return state.level;
    }

    double trend() {
        return state.trend;
    }

    private static void requireTwoSeasons(double[] history, int seasonLength) {
        if (seasonLength < 1) {
            throw new IllegalArgumentException("seasonLength must be 1 or more, was " + seasonLength);
        }
        if (history.length < 2 * seasonLength) {
            throw new IllegalArgumentException("Holt-Winters needs two full seasons (" + 2 * seasonLength
                    + " periods), had " + history.length);
        }
    }

    /** The recursions run over a history: the state after its last period and the squared errors. */
    private static final class Smoother {

        final int periods;
        /** Seasonal term of period t at index t % m: after the run, those of the last season. */
        final double[] seasonal;
        double level;
        double trend;
        double sumOfSquaredErrors;

        Smoother(double[] y, int m, double alpha, double beta, double gamma, double phi) {
            periods = y.length;
            double firstMean = mean(y, 0, m);
            double secondMean = mean(y, m, 2 * m);
            trend = (secondMean - firstMean) / m;
            level = firstMean - trend * (m + 1) / 2.0;
            seasonal = new double[m];
            for (int j = 0; j < m; j++) {
                // period j is at time j + 1 on the line level + time * trend, period j + m at j + m + 1
                double first = y[j] - (level + (j + 1) * trend);
                double second = y[j + m] - (level + (j + m + 1) * trend);
                seasonal[j] = (first + second) / 2;
            }
            for (int t = 0; t < y.length; t++) {
                double lastSeason = seasonal[t % m];
                double expected = level + phi * trend;
                double error = y[t] - (expected + lastSeason);
                sumOfSquaredErrors += error * error;
                double newLevel = alpha * (y[t] - lastSeason) + (1 - alpha) * expected;
                trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
                seasonal[t % m] = gamma * (y[t] - expected) + (1 - gamma) * lastSeason;
                level = newLevel;
            }
        }

        private static double mean(double[] y, int from, int to) {
            double sum = 0;
            for (int t = from; t < to; t++) {
                sum += y[t];
            }
            return sum / (to - from);
        }
    }
}
