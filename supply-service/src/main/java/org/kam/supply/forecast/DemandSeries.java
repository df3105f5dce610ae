package org.kam.supply.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

/**
 * Demand in consecutive periods of equal length, oldest first: what the forecasting models read.
 *
 * <p><b>Periods</b> are {@code periodLength} long and aligned to Monday 1970-01-05 00:00 UTC, so
 * weekly periods ({@link #WEEK}, the default) are ISO weeks, Monday to Sunday, in UTC, and daily
 * periods are UTC days.
 *
 * <p><b>Bucketing</b> ({@link #bucketed}): the series holds every <em>complete</em> period from the
 * one with the earliest observation up to {@code asOf}; it ends where the period containing
 * {@code asOf} begins ({@link #end()}, which is {@code asOf} itself when {@code asOf} falls on a
 * period boundary). The period still running at {@code asOf} is left out, because a half-elapsed
 * week would look like a drop in demand; it is the first period a forecast covers. Observations at
 * or after {@link #end()} are ignored; periods without observations count as zero demand. With no
 * observation before {@link #end()} the series is empty and starts where it ends.
 *
 * <p>Immutable.
 */
public final class DemandSeries {

    /** The default period: one ISO week. */
    public static final Duration WEEK = Duration.ofDays(7);

    /** Periods are aligned to this instant, a Monday at midnight UTC. */
    static final Instant ORIGIN = Instant.parse("1970-01-05T00:00:00Z");

    private final Instant start;
    private final Duration periodLength;
    private final double[] demand;

    private DemandSeries(Instant start, Duration periodLength, double[] demand) {
        this.start = start;
        this.periodLength = periodLength;
        this.demand = demand;
    }

    /** Weekly demand (ISO weeks, UTC) of the complete weeks before {@code asOf}. */
    public static DemandSeries weekly(Collection<Observation> observations, Instant asOf) {
        return bucketed(observations, asOf, WEEK);
    }

    /** Demand per period of {@code periodLength} (whole days) of the complete periods before {@code asOf}. */
    public static DemandSeries bucketed(Collection<Observation> observations, Instant asOf, Duration periodLength) {
        requirePeriodLength(periodLength);
        long period = periodLength.getSeconds();
        long endIndex = Math.floorDiv(secondsSinceOrigin(asOf), period);
        long startIndex = endIndex;
        for (Observation observation : observations) {
            long index = Math.floorDiv(secondsSinceOrigin(observation.at()), period);
            if (index < endIndex) {
                startIndex = Math.min(startIndex, index);
            }
        }
        double[] demand = new double[Math.toIntExact(endIndex - startIndex)];
        for (Observation observation : observations) {
            long index = Math.floorDiv(secondsSinceOrigin(observation.at()), period);
            if (index < endIndex) {
                demand[(int) (index - startIndex)] += observation.quantity();
            }
        }
        return new DemandSeries(ORIGIN.plusSeconds(startIndex * period), periodLength, demand);
    }

    /**
     * A series of already bucketed demand, oldest first, whose first period starts at {@code start}
     * (a period boundary: a Monday 00:00 UTC for weeks).
     */
    public static DemandSeries of(Instant start, Duration periodLength, double... demand) {
        requirePeriodLength(periodLength);
        if (Math.floorMod(secondsSinceOrigin(start), periodLength.getSeconds()) != 0) {
            throw new IllegalArgumentException("start must begin a period (periods are aligned to " + ORIGIN + "), was " + start);
        }
        for (double value : demand) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("demand must be finite and 0 or more, was " + value);
            }
        }
        return new DemandSeries(start, periodLength, demand.clone());
    }

    /** Start of the first period. */
    public Instant start() {
        return start;
    }

    /** End of the last period, which is where a forecast starts. */
    public Instant end() {
        return periodStart(demand.length);
    }

    public Duration periodLength() {
        return periodLength;
    }

    /** Number of periods. */
    public int length() {
        return demand.length;
    }

    /** Demand in period {@code index}, 0 being the oldest. */
    public double demand(int index) {
        return demand[index];
    }

    /** Start of period {@code index}; {@code length()} gives the end of the series. */
    public Instant periodStart(int index) {
        return start.plus(periodLength.multipliedBy(index));
    }

    /** A copy of the demand, oldest first. */
    public double[] values() {
        return demand.clone();
    }

    /** Equal when they start at the same time and hold the same demand in periods of the same length. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DemandSeries series && start.equals(series.start)
                && periodLength.equals(series.periodLength) && Arrays.equals(demand, series.demand);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * start.hashCode() + periodLength.hashCode()) + Arrays.hashCode(demand);
    }

    @Override
    public String toString() {
        return "DemandSeries[start=" + start + ", periodLength=" + periodLength + ", demand=" + Arrays.toString(demand) + "]";
    }

    private static void requirePeriodLength(Duration periodLength) {
        if (periodLength == null || periodLength.isNegative() || periodLength.isZero()
                || !periodLength.equals(Duration.ofDays(periodLength.toDays()))) {
            throw new IllegalArgumentException("periodLength must be a positive number of whole days, was " + periodLength);
        }
    }

    private static long secondsSinceOrigin(Instant instant) {
        return instant.getEpochSecond() - ORIGIN.getEpochSecond();
    }

    /** {@code quantity} units demanded at {@code at}. */
    public record Observation(Instant at, long quantity) {
        public Observation {
            if (at == null) {
                throw new IllegalArgumentException("at is required");
            }
            if (quantity < 0) {
                throw new IllegalArgumentException("quantity must be 0 or more, was " + quantity);
            }
        }
    }
}
