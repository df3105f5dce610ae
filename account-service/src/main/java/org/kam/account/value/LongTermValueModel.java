package org.kam.account.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Long-term value: what an account will probably buy in the next three years, estimated from its
 * own purchase history alone. It is shown in the account view and used by nothing else; tiering
 * ranks the revenue an account actually brought, never this estimate.
 *
 * <p>Model {@value #NAME}, with T the business clock (the latest sale time seen, of any account,
 * so that replayed history is valued as of its own time):
 * <ol>
 * <li><b>Orders.</b> Lines with the same order id are one order, worth the sum of its lines and
 * placed at its earliest line. Lines after T are ignored.</li>
 * <li><b>Basis period.</b> The last year, (T − 365 days, T]; for an account whose first order is
 * less than a year before T, its life so far, counted as at least 90 days so that a new customer's
 * first order does not extrapolate to hundreds of orders a year.</li>
 * <li><b>Orders per year</b> f = orders in the basis period × 365 days / its length. <b>Average
 * order value</b> v = their revenue / their number. Expected yearly revenue A = f × v, the basis
 * period's revenue scaled to a year.</li>
 * <li><b>Trend</b> τ = revenue in the recent half-year (T − 182 days, T] / revenue in the earlier
 * half (T − 365 days, T − 182 days] (the halves of the tiering rule's growth), clamped to
 * [{@value #MIN_TREND}, {@value #MAX_TREND}] and applied once a year: a damped reading of half-year
 * growth, because one good half-year rarely repeats itself three years in a row. τ = 1 for an
 * account younger than a year (too little history to see a trend) or without revenue in either
 * half; τ = {@value #MAX_TREND} for one with no earlier but some recent revenue (it came back).</li>
 * <li><b>Retention</b> ρ, the yearly chance that the account keeps buying: 1 while the time since
 * its last order is at most {@value #GRACE_INTERVALS} usual intervals between orders (365 days / f);
 * after that {@value #GRACE_INTERVALS} intervals / the silence, falling the longer it stays silent.
 * ρ = 0 without an order in the last year.</li>
 * <li><b>Estimate</b> = Σ over years y = 1..3 of A × (τ × ρ)^y.</li>
 * </ol>
 * Money is shown with two decimals and factors with four, rounded half up; the estimate is computed
 * from the unrounded numbers.
 */
public final class LongTermValueModel {

    public static final String NAME = "orders-x-value-trend-retention-3y";
    public static final String MIN_TREND = "0.5";
    public static final String MAX_TREND = "1.5";
    public static final int GRACE_INTERVALS = 2;
    static final int HORIZON_YEARS = 3;
    static final Duration YEAR = Duration.ofDays(365);
    static final Duration RECENT_HALF = Duration.ofDays(182);
    static final Duration SHORTEST_BASIS = Duration.ofDays(90);

    private static final MathContext MATH = MathContext.DECIMAL128;
    private static final BigDecimal LOWEST_TREND = new BigDecimal(MIN_TREND);
    private static final BigDecimal HIGHEST_TREND = new BigDecimal(MAX_TREND);

    private LongTermValueModel() {
    }

    /** The account's long-term value as of {@code businessClock}; empty when it has bought nothing. */
    public static Optional<LongTermValue> estimate(Collection<Purchase> history, Instant businessClock) {
        Map<String, Order> orders = new HashMap<>();
        for (Purchase line : history) {
            if (!line.occurredAt().isAfter(businessClock)) {
                orders.merge(line.orderId(), new Order(line.amount(), line.occurredAt()), Order::plus);
            }
        }
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        Instant yearAgo = businessClock.minus(YEAR);
        Instant halfYearAgo = businessClock.minus(RECENT_HALF);
        Instant first = businessClock;
        Instant last = Instant.MIN;
        int count = 0;
        BigDecimal recent = BigDecimal.ZERO;
        BigDecimal earlier = BigDecimal.ZERO;
        for (Order order : orders.values()) {
            first = order.at().isBefore(first) ? order.at() : first;
            last = order.at().isAfter(last) ? order.at() : last;
            if (order.at().isAfter(halfYearAgo)) {
                recent = recent.add(order.value());
                count++;
            } else if (order.at().isAfter(yearAgo)) {
                earlier = earlier.add(order.value());
                count++;
            }
        }
        BigDecimal revenue = recent.add(earlier);
        boolean youngerThanAYear = first.isAfter(yearAgo);
        Duration lived = Duration.between(first, businessClock);
        Duration basis = !youngerThanAYear ? YEAR : lived.compareTo(SHORTEST_BASIS) < 0 ? SHORTEST_BASIS : lived;
        BigDecimal years = seconds(basis).divide(seconds(YEAR), MATH);

        BigDecimal ordersPerYear = BigDecimal.valueOf(count).divide(years, MATH);
        BigDecimal averageOrderValue = count == 0 ? BigDecimal.ZERO : revenue.divide(BigDecimal.valueOf(count), MATH);
        BigDecimal yearly = revenue.divide(years, MATH);
        BigDecimal trend = youngerThanAYear ? BigDecimal.ONE : trend(recent, earlier);
        BigDecimal retention = retention(count, basis, Duration.between(last, businessClock));

        BigDecimal factor = trend.multiply(retention, MATH);
        BigDecimal estimate = BigDecimal.ZERO;
        for (int year = 1; year <= HORIZON_YEARS; year++) {
            estimate = estimate.add(yearly.multiply(factor.pow(year, MATH), MATH), MATH);
        }
        return Optional.of(new LongTermValue(money(estimate), money(ordersPerYear), money(averageOrderValue),
                factor(trend), factor(retention), NAME));
    }

    private static BigDecimal trend(BigDecimal recent, BigDecimal earlier) {
        if (earlier.signum() == 0) {
            return recent.signum() == 0 ? BigDecimal.ONE : HIGHEST_TREND;
        }
        BigDecimal ratio = recent.divide(earlier, MATH);
        return ratio.max(LOWEST_TREND).min(HIGHEST_TREND);
    }

    /** 1 within the grace of usual intervals since the last order, then grace / silence. */
    private static BigDecimal retention(int orders, Duration basis, Duration silence) {
        if (orders == 0) {
            return BigDecimal.ZERO;
        }
        // usual interval = basis / orders; compared multiplied through by orders to stay exact
        BigDecimal grace = seconds(basis).multiply(BigDecimal.valueOf(GRACE_INTERVALS));
        BigDecimal silent = seconds(silence).multiply(BigDecimal.valueOf(orders));
        if (silent.compareTo(grace) <= 0) {
            return BigDecimal.ONE;
        }
        return grace.divide(silent, MATH);
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toSeconds());
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal factor(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP);
    }

    private record Order(BigDecimal value, Instant at) {

        Order plus(Order other) {
            return new Order(value.add(other.value), at.isBefore(other.at) ? at : other.at);
        }
    }
}
