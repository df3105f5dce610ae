package org.kam.supply.forecast;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Teunter–Syntetos–Babai (2011), Croston's method for intermittent demand with a demand
 * probability that also decays while nothing is bought, so an item that stopped selling is
 * forecast towards zero.
 *
 * <p>Two smoothed quantities: the size {@code z} of a demand when there is one, and the
 * probability {@code p} that a period has demand. Every period:
 * <pre>
 *   p = p + β (1 − p)      when the period has demand, else  p = p − β p
 *   z = z + α (y − z)      when the period has demand, else  z unchanged
 * </pre>
 * and the forecast of every future period is {@code p × z} (flat). They start at the share of
 * periods with demand and the mean size of the demands in the history. α and β minimise the
 * one-step-ahead squared error over the history, each within [{@value #MIN_SMOOTHING},
 * {@value #MAX_SMOOTHING}]: low values, as the literature advises for intermittent demand, so
 * one order does not swing the forecast.
 */
final class CrostonTsb implements DemandModel {

    static final double MIN_SMOOTHING = 0.01;
    static final double MAX_SMOOTHING = 0.5;
    private static final double[] LOWER = { MIN_SMOOTHING, MIN_SMOOTHING };
    private static final double[] UPPER = { MAX_SMOOTHING, MAX_SMOOTHING };
    private static final double[][] GRID = { { 0.05, 0.15, 0.3, 0.45 }, { 0.05, 0.15, 0.3, 0.45 } };

    private final double alpha;
    private final double beta;
    private final double probability;
    private final double size;
    private final double[] errors;

    private CrostonTsb(double alpha, double beta, double probability, double size, double[] errors) {
        this.alpha = alpha;
        this.beta = beta;
        this.probability = probability;
        this.size = size;
        this.errors = errors;
    }

    /** TSB with α and β fitted to {@code history}, which must have some demand. */
    static CrostonTsb fit(double[] history) {
        requireDemand(history);
        double[] best = BoxSearch.minimise(p -> sumOfSquares(run(history, p[0], p[1]).errors, 0), LOWER, UPPER, GRID);
        return run(history, best[0], best[1]);
    }

    /** TSB with the given size smoothing α and probability smoothing β. */
    static CrostonTsb withParameters(double[] history, double alpha, double beta) {
        requireDemand(history);
        if (!(alpha >= 0 && alpha <= 1 && beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("alpha and beta must be within [0, 1], were " + alpha + ", " + beta);
        }
        return run(history, alpha, beta);
    }

    /** Mean squared one-step-ahead error over the periods from {@code from} on. */
    double meanSquaredErrorFrom(int from) {
        return sumOfSquares(errors, from) / (errors.length - from);
    }

    @Override
    public ModelChoice kind() {
        return ModelChoice.CROSTON_TSB;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("alpha", alpha);
        parameters.put("beta", beta);
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public double[] forecast(int horizon) {
        double[] forecast = new double[horizon];
        Arrays.fill(forecast, probability * size);
        return forecast;
    }

    double probability() {
        return probability;
    }

    double size() {
        return size;
    }

    private static CrostonTsb run(double[] history, double alpha, double beta) {
        int demands = 0;
        double total = 0;
        for (double y : history) {
            if (y > 0) {
                demands++;
                total += y;
            }
        }
        double p = (double) demands / history.length;
        double z = total / demands;
        double[] errors = new double[history.length];
        for (int t = 0; t < history.length; t++) {
            double y = history[t];
            errors[t] = y - p * z;
            if (y > 0) {
                p += beta * (1 - p);
                z += alpha * (y - z);
            } else {
                p -= beta * p;
            }
        }
        return new CrostonTsb(alpha, beta, p, z, errors);
    }

    private static double sumOfSquares(double[] errors, int from) {
        double sum = 0;
        for (int t = from; t < errors.length; t++) {
            sum += errors[t] * errors[t];
        }
        return sum;
    }

    private static void requireDemand(double[] history) {
        if (Arrays.stream(history).noneMatch(y -> y > 0)) {
            throw new IllegalArgumentException("TSB needs a history with some demand");
        }
    }
}
