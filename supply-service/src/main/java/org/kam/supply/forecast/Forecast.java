package org.kam.supply.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forecast demand for the {@link #horizon()} periods after a history, period 0 first (the period
 * that starts at the history's end, which may already be running), with the model that made it,
 * its fitted parameters and its accuracy on the hold-out. Values are never negative and are
 * fractional units: round as the use requires.
 */
public final class Forecast {

    private final ModelChoice model;
    private final Map<String, Double> parameters;
    private final Instant start;
    private final Duration periodLength;
    private final int historyLength;
    private final List<Double> values;
    private final Accuracy accuracy;

    Forecast(ModelChoice model, Map<String, Double> parameters, Instant start, Duration periodLength,
            int historyLength, double[] values, Accuracy accuracy) {
        this.model = model;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.start = start;
        this.periodLength = periodLength;
        this.historyLength = historyLength;
        this.values = Arrays.stream(values).boxed().toList();
        this.accuracy = accuracy;
    }

    public ModelChoice model() {
        return model;
    }

    /** Fitted parameters by name (alpha, beta, gamma, phi, seasonLength, as the model has them). */
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** Start of period 0. */
    public Instant start() {
        return start;
    }

    public Duration periodLength() {
        return periodLength;
    }

    /** Number of periods of history the forecast was fitted to. */
    public int historyLength() {
        return historyLength;
    }

    /** Number of forecast periods. */
    public int horizon() {
        return values.size();
    }

    /** Forecast demand per period, period 0 first. */
    public List<Double> values() {
        return values;
    }

    /** Forecast demand in period {@code period}. */
    public double value(int period) {
        return values.get(period);
    }

    /** Start of period {@code period}; {@code horizon()} gives the end of the forecast. */
    public Instant periodStart(int period) {
        return start.plus(periodLength.multipliedBy(period));
    }

    /** Total forecast demand of periods {@code fromPeriod} (inclusive) to {@code toPeriod} (exclusive). */
    public double total(int fromPeriod, int toPeriod) {
        checkRange(fromPeriod, toPeriod);
        double total = 0;
        for (int period = fromPeriod; period < toPeriod; period++) {
            total += values.get(period);
        }
        return total;
    }

    /** Total forecast demand of the first {@code periods} periods: "demand in the next 8 weeks". */
    public double totalOfNext(int periods) {
        return total(0, periods);
    }

    /** The period with the highest forecast in the whole horizon (the earliest of equal ones). */
    public Peak peak() {
        return peak(0, horizon());
    }

    /** The period with the highest forecast among {@code fromPeriod} (inclusive) to {@code toPeriod} (exclusive). */
    public Peak peak(int fromPeriod, int toPeriod) {
        checkRange(fromPeriod, toPeriod);
        if (fromPeriod == toPeriod) {
            throw new IllegalArgumentException("a peak needs at least one period");
        }
        int peak = fromPeriod;
        for (int period = fromPeriod + 1; period < toPeriod; period++) {
            if (values.get(period) > values.get(peak)) {
                peak = period;
            }
        }
        return new Peak(peak, periodStart(peak), values.get(peak));
    }

    /** Accuracy on the hold-out; empty when the history was too short to hold any period out. */
    public Optional<Accuracy> accuracy() {
        return Optional.ofNullable(accuracy);
    }

    @Override
    public String toString() {
        return "Forecast[model=" + model + ", parameters=" + parameters + ", start=" + start + ", values=" + values
                + ", accuracy=" + accuracy + "]";
    }

    private void checkRange(int fromPeriod, int toPeriod) {
        if (fromPeriod < 0 || fromPeriod > toPeriod || toPeriod > horizon()) {
            throw new IllegalArgumentException("periods must satisfy 0 <= from <= to <= " + horizon() + ", were "
                    + fromPeriod + " and " + toPeriod);
        }
    }

    /** The highest forecast: in period {@code period}, which starts at {@code start}. */
    public record Peak(int period, Instant start, double value) {
    }
}
