package org.kam.supply.reservation;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * How much stock is protected for an account, and how a SKU's stock is shared among protections.
 *
 * <p><b>Sizing.</b> A protection requests the account's forecast demand for the SKU over the next
 * {@code horizonWeeks} (default 8), rounded up to whole units: all of it for a KEY account, a
 * {@code potentialShare} of it (default 0.5) for a POTENTIAL account, nothing for any other tier
 * (the protection is released). A stock level agreed with a KEY account for the SKU replaces the
 * forecast; it is not applied to other tiers, so it only counts again if the account becomes KEY
 * again. Without any sales history the forecast is 0. The forecast itself (weekly demand as of the
 * latest sale supply knows) is computed elsewhere; this class only turns it into units.
 *
 * <p><b>Reserving.</b> An account gets {@code reserved = min(requested, available)} where
 * {@code available = onHand - reserved for other accounts on that SKU}, never negative; the rest is
 * its {@code shortage = requested - reserved}. An unknown SKU has nothing on hand. Nobody takes
 * stock already reserved for someone else, so the reserved units of a SKU never exceed its stock.
 *
 * <p><b>Re-sharing</b> when the stock changes (or units are freed): protections are ranked KEY
 * before POTENTIAL, then oldest first. If the stock fell below what is reserved, the last-ranked
 * protections shrink first; then any stock left fills shortages, first-ranked first.
 */
final class ProtectionRule {

    /** Forecast units within this of a whole number count as it, so rounding noise adds no unit. */
    private static final double WHOLE_UNIT_TOLERANCE = 1e-6;

    private final int horizonWeeks;
    private final double potentialShare;

    ProtectionRule(int horizonWeeks, double potentialShare) {
        if (horizonWeeks < 1 || horizonWeeks > 104) {
            throw new IllegalArgumentException("horizonWeeks must be between 1 and 104, was " + horizonWeeks);
        }
        if (!(potentialShare >= 0 && potentialShare <= 1)) {
            throw new IllegalArgumentException("potentialShare must be between 0 and 1, was " + potentialShare);
        }
        this.horizonWeeks = horizonWeeks;
        this.potentialShare = potentialShare;
    }

    int horizonWeeks() {
        return horizonWeeks;
    }

    /** Whether an account of this tier gets stock protected at all; null is an account of unknown tier. */
    static boolean protects(Tier tier) {
        return tier == Tier.KEY || tier == Tier.POTENTIAL;
    }

    /**
     * The protection of one account × SKU: {@code forecast} is the account's forecast demand for the
     * SKU over the next {@link #horizonWeeks()} (empty without history), {@code agreed} the stock
     * level agreed for it (empty when none).
     */
    Sizing size(Tier tier, OptionalDouble forecast, OptionalInt agreed) {
        Double forecastUnits = forecast.isPresent() ? Math.max(0, forecast.getAsDouble()) : null;
        if (!protects(tier)) {
            return Sizing.NONE;
        }
        if (tier == Tier.KEY && agreed.isPresent()) {
            return new Sizing(agreed.getAsInt(), Basis.AGREED, forecastUnits);
        }
        double units = forecastUnits == null ? 0 : forecastUnits;
        return new Sizing(wholeUnits(tier == Tier.KEY ? units : units * potentialShare), Basis.FORECAST, forecastUnits);
    }

    /** Rounded up, so a forecast of 10.2 units protects 11; capped, as no stock reaches 2^31 units. */
    static int wholeUnits(double units) {
        if (!(units > 0)) {
            return 0;
        }
        double rounded = Math.rint(units);
        double whole = Math.abs(units - rounded) < WHOLE_UNIT_TOLERANCE ? rounded : Math.ceil(units);
        return (int) Math.min(Integer.MAX_VALUE, whole);
    }

    /** Units reserved for a request of {@code requested}, given the stock and what others hold. */
    static int reserve(int requested, int onHand, int reservedForOthers) {
        if (requested < 0 || onHand < 0 || reservedForOthers < 0) {
            throw new IllegalArgumentException("requested, onHand and reservedForOthers must be 0 or more");
        }
        int available = Math.max(0, onHand - reservedForOthers);
        return Math.min(requested, available);
    }

    /**
     * The reserved units of every protection on one SKU after its stock became {@code onHand}:
     * {@code ranked} lists the protections first-served first (KEY before POTENTIAL, then oldest
     * first); the result has the same order.
     */
    static List<Integer> reshare(int onHand, List<Holding> ranked) {
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
        }
        int[] reserved = ranked.stream().mapToInt(h -> Math.min(h.reserved(), h.requested())).toArray();
        long total = IntStream.of(reserved).asLongStream().sum();
        for (int i = reserved.length - 1; i >= 0 && total > onHand; i--) {
            int cut = (int) Math.min(reserved[i], total - onHand);
            reserved[i] -= cut;
            total -= cut;
        }
        long available = onHand - total;
        for (int i = 0; i < reserved.length && available > 0; i++) {
            int add = (int) Math.min(ranked.get(i).requested() - reserved[i], available);
            reserved[i] += add;
            available -= add;
        }
        return IntStream.of(reserved).boxed().toList();
    }

    /**
     * A protection's size: {@code requested} units on the given {@code basis} (null when the tier
     * protects nothing), and the forecast it was sized from (null without history or when released).
     */
    record Sizing(int requested, Basis basis, Double forecastUnits) {

        static final Sizing NONE = new Sizing(0, null, null);

        Sizing {
            if (requested < 0) {
                throw new IllegalArgumentException("requested must be 0 or more, was " + requested);
            }
        }
    }

    /** One protection on a SKU: units requested and units currently reserved. */
    record Holding(int requested, int reserved) {
        public Holding {
            if (requested < 0 || reserved < 0) {
                throw new IllegalArgumentException("requested and reserved must be 0 or more");
            }
        }
    }
}
