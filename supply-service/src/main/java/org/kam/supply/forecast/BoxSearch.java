package org.kam.supply.forecast;

import java.util.function.ToDoubleFunction;

/**
 * Minimises a function of a few parameters, each within its own bounds: first the best point of a
 * coarse grid, then a compass search from there. The compass search tries one step up and one step
 * down along each parameter in turn, moves to the first point that is strictly better, and halves
 * the step when no move helps, until the step is below {@value #LAST_STEP}. Deterministic; ties keep
 * the earlier point. Good enough for smoothing parameters, whose error surface is smooth and flat
 * near its minimum, and it never leaves the bounds.
 */
final class BoxSearch {

    static final double FIRST_STEP = 0.1;
    static final double LAST_STEP = 0.001;
    private static final int MAX_EVALUATIONS = 2_000;

    private BoxSearch() {
    }

    /**
     * The point minimising {@code objective} within {@code [lower, upper]}; {@code grid[i]} lists the
     * starting values tried for parameter {@code i}. A NaN or infinite value marks a point as unusable.
     */
    static double[] minimise(ToDoubleFunction<double[]> objective, double[] lower, double[] upper, double[][] grid) {
        int dimensions = lower.length;
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int[] odometer = new int[dimensions];
        do {
            double[] point = new double[dimensions];
            for (int i = 0; i < dimensions; i++) {
                point[i] = grid[i][odometer[i]];
            }
            double value = objective.applyAsDouble(point);
            if (best == null || value < bestValue) {
                best = point;
                bestValue = value;
            }
        } while (advance(odometer, grid));

        int evaluations = 0;
        for (double step = FIRST_STEP; step >= LAST_STEP && evaluations < MAX_EVALUATIONS; ) {
            boolean moved = false;
            for (int i = 0; i < dimensions; i++) {
                for (double direction : new double[] { step, -step }) {
                    double[] candidate = best.clone();
                    candidate[i] = Math.max(lower[i], Math.min(upper[i], best[i] + direction));
                    if (candidate[i] == best[i]) {
                        continue;
                    }
                    double value = objective.applyAsDouble(candidate);
                    evaluations++;
                    if (value < bestValue) {
                        best = candidate;
                        bestValue = value;
                        moved = true;
                        break;
                    }
                }
            }
            if (!moved) {
                step /= 2;
            }
        }
        return best;
    }

    private static boolean advance(int[] odometer, double[][] grid) {
        for (int i = odometer.length - 1; i >= 0; i--) {
            if (++odometer[i] < grid[i].length) {
                return true;
            }
            odometer[i] = 0;
        }
        return false;
    }
}
