package org.kam.insight.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds significant deviations of a weekly sales series from its expected seasonal baseline.
 * Pure. The method (documented in docs/adr/0010-market-signals.md):
 *
 * <ol>
 * <li><b>Baseline.</b> For week t with a year of history, the same week a year earlier (the
 * median of weeks t−53…t−51, so one odd week does not make the baseline), scaled by the level
 * change since then (median of the last 8 weeks over the median of the same 8 weeks a year
 * earlier); with less history, the median of the last 8 weeks (no seasonality yet).</li>
 * <li><b>Residuals</b> r = y − baseline, standardised by a robust scale: 1.4826 × the median
 * absolute deviation of the past residuals (at least {@link #MIN_HISTORY} of them), so earlier
 * outliers do not inflate it.</li>
 * <li><b>Spike or drop:</b> |z| ≥ {@code zThreshold} (3.5, as the robust ESD test's usual cut).</li>
 * <li><b>Level shift:</b> from a year of history on (before it, a season's rise would look like
 * one), two one-sided CUSUMs of z (clipped at the spike threshold, so one outlier is not a shift) with slack k = 0.5 and alarm h = 6; after an alarm the CUSUM restarts.</li>
 * <li>After a deviation, none in the same direction is reported for {@link #QUIET_AFTER} weeks: a
 * drop that lasts is one news, not eight.</li>
 * <li>A week of an <em>intermittent</em> series is not judged: when the weeks before it (up to a year)
 * have orders in fewer than one week in {@link #MAX_DEMAND_INTERVAL} (Syntetos and Boylan's cut-off of
 * the average demand interval, 1.32), a week without orders is normal and a week with one is no spike
 * — the demo's smaller key accounts order every few weeks and gave hundreds of such "signals".</li>
 * </ol>
 */
public final class Deviations {

    /** Residuals needed before a week is judged: fewer, and the scale is not known well enough. */
    public static final int MIN_HISTORY = 8;
    static final int LEVEL_WEEKS = 8;
    /** The first week with a seasonal baseline: a year and the level weeks of history. */
    static final int SEASONAL_FROM = 52 + LEVEL_WEEKS;
    static final double CUSUM_SLACK = 0.5;
    static final double CUSUM_ALARM = 6.0;
    /** After a deviation, none in the same direction for this many weeks: the baseline needs them to adapt. */
    static final int QUIET_AFTER = LEVEL_WEEKS;
    /** Weeks per week with orders above which a series is intermittent and not judged (Syntetos and Boylan, 2005). */
    static final double MAX_DEMAND_INTERVAL = 1.32;

    private final double zThreshold;

    public Deviations(double zThreshold) {
        this.zThreshold = zThreshold;
    }

    /** What a deviation is. */
    public enum Kind {
        /** One week far above its baseline. */
        SPIKE,
        /** One week far below its baseline. */
        DROP,
        /** Weeks after weeks above the baseline: demand moved up. */
        LEVEL_UP,
        /** Weeks after weeks below the baseline: demand moved down. */
        LEVEL_DOWN
    }

    /**
     * A deviation in week {@code week} (index into the series): the value, the baseline, the
     * standardised residual (or the CUSUM statistic for a level shift) as its score.
     */
    public record Deviation(int week, Kind kind, double value, double baseline, double score) {

        /** value − baseline, in the series' unit. */
        public double size() {
            return value - baseline;
        }
    }

    /** The deviations of weeks {@code from}… of {@code series}, each judged on the weeks before it only. */
    public List<Deviation> find(double[] series, int from) {
        List<Deviation> found = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        double up = 0;
        double down = 0;
        int quietUpUntil = -1;
        int quietDownUntil = -1;
        for (int t = 0; t < series.length; t++) {
            double baseline = baseline(series, t);
            if (Double.isNaN(baseline)) {
                continue;
            }
            double residual = series[t] - baseline;
            if (residuals.size() >= MIN_HISTORY) {
                double z = residual / scale(residuals, baseline, meanLevel(series, t));
                // Level shifts only against a seasonal baseline: before a year of history a season's
                // rise or fall would look like one.
                if (t >= SEASONAL_FROM) {
                    double clipped = Math.max(-zThreshold, Math.min(zThreshold, z));
                    up = Math.max(0, up + clipped - CUSUM_SLACK);
                    down = Math.max(0, down - clipped - CUSUM_SLACK);
                }
                Deviation deviation = null;
                if (intermittent(series, t)) {
                    // not judged: see the class comment; the CUSUM keeps what it has
                } else if (z >= zThreshold) {
                    deviation = new Deviation(t, Kind.SPIKE, series[t], baseline, z);
                } else if (z <= -zThreshold) {
                    deviation = new Deviation(t, Kind.DROP, series[t], baseline, z);
                } else if (up >= CUSUM_ALARM) {
                    deviation = new Deviation(t, Kind.LEVEL_UP, series[t], baseline, up);
                } else if (down >= CUSUM_ALARM) {
                    deviation = new Deviation(t, Kind.LEVEL_DOWN, series[t], baseline, -down);
                }
                if (deviation != null) {
                    boolean upwards = deviation.kind() == Kind.SPIKE || deviation.kind() == Kind.LEVEL_UP;
                    if (upwards) {
                        up = 0;
                    } else {
                        down = 0;
                    }
                    if (t >= from && t > (upwards ? quietUpUntil : quietDownUntil)) {
                        found.add(deviation);
                    }
                    if (upwards) {
                        quietUpUntil = t + QUIET_AFTER;
                    } else {
                        quietDownUntil = t + QUIET_AFTER;
                    }
                }
            }
            residuals.add(residual);
        }
        return found;
    }

    /** The expected value of week t from the weeks before it; NaN while there are too few. */
    static double baseline(double[] y, int t) {
        if (t < LEVEL_WEEKS) {
            return Double.NaN;
        }
        double recent = median(y, t - LEVEL_WEEKS, t);
        if (t < SEASONAL_FROM) {
            return recent;
        }
        double lastYear = median(y, t - 53, t - 50);
        double levelThen = median(y, t - 52 - LEVEL_WEEKS, t - 52);
        double level = levelThen <= 0 ? 1 : recent / levelThen;
        return lastYear * level;
    }

    /**
     * 1.4826 × MAD of the past residuals; never below 5 % of the baseline, so a flat series is not all
     * outliers, nor below 5 % of the past year's mean level: an account that orders every few weeks
     * has a baseline and a MAD of 0, and its orders would otherwise be divided by almost nothing
     * (scores of 10^13 that no column holds). One cent at the very least.
     */
    static double scale(List<Double> residuals, double baseline, double meanLevel) {
        double[] values = residuals.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(values, 0, values.length);
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        double mad = median(deviations, 0, deviations.length);
        return Math.max(Math.max(1.4826 * mad, 0.05 * Math.abs(baseline)), Math.max(0.05 * Math.abs(meanLevel), 0.01));
    }

    /** Whether the (up to) 52 weeks before week t have orders in fewer than one week in {@link #MAX_DEMAND_INTERVAL}. */
    static boolean intermittent(double[] y, int t) {
        int from = Math.max(0, t - 52);
        int withOrders = 0;
        for (int i = from; i < t; i++) {
            if (y[i] > 0) {
                withOrders++;
            }
        }
        return withOrders == 0 || (double) (t - from) / withOrders > MAX_DEMAND_INTERVAL;
    }

    /** The mean of the (up to) 52 weeks before week t. */
    static double meanLevel(double[] y, int t) {
        int from = Math.max(0, t - 52);
        double sum = 0;
        for (int i = from; i < t; i++) {
            sum += y[i];
        }
        return t == from ? 0 : sum / (t - from);
    }

    /** The median of y[from, to). */
    static double median(double[] y, int from, int to) {
        double[] part = Arrays.copyOfRange(y, from, to);
        Arrays.sort(part);
        int n = part.length;
        return n % 2 == 1 ? part[n / 2] : (part[n / 2 - 1] + part[n / 2]) / 2;
    }
}
