package org.kam.supply.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The first, simple rule for protecting stock for key accounts.
 *
 * <p><b>Demand.</b> A KEY account's protected demand for a SKU is the quantity it bought of that
 * SKU in the {@code horizon} (default 56 days, 8 weeks) before its latest sale of any SKU, by event
 * time: purchases with {@code latest - horizon < occurredAt <= latest} count. The horizon hangs on
 * the account's own latest sale, not on the wall clock, so replaying old sales gives the same
 * answer and a quiet account keeps its protection until it buys again.
 *
 * <p><b>Reserving.</b> An account gets {@code reserved = min(requested, available)} where
 * {@code available = onHand - reserved for other accounts on that SKU}, never negative; the rest is
 * its {@code shortage = requested - reserved}. An unknown SKU has nothing on hand. Nobody takes
 * stock already reserved for someone else, so the reserved units of a SKU never exceed its stock.
 *
 * <p><b>Re-sharing</b> when the stock changes (or units are freed): if the stock fell below what is
 * reserved, the newest protections shrink first; then any stock left fills shortages, oldest
 * protection first.
 *
 * <p>The full rule (lead times, seasonality, priorities among key accounts) replaces this class
 * without changing what is published.
 */
final class ProtectionRule {

    private final Duration horizon;

    ProtectionRule(Duration horizon) {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        }
        this.horizon = horizon;
    }

    Duration horizon() {
        return horizon;
    }

    /**
     * Protected demand per SKU for one account's purchases; SKUs without purchases inside the
     * horizon are absent. Sorted by SKU.
     */
    Map<String, Integer> protectedDemand(Collection<Purchase> purchases) {
        Map<String, Integer> demand = new TreeMap<>();
        Instant latest = purchases.stream().map(Purchase::occurredAt).max(Instant::compareTo).orElse(null);
        if (latest == null) {
            return demand;
        }
        Instant start = latest.minus(horizon);
        for (Purchase purchase : purchases) {
            if (purchase.occurredAt().isAfter(start)) {
                // Capped rather than overflowing: nobody's stock reaches 2^31 units.
                demand.merge(purchase.sku(), purchase.quantity(), (a, b) -> (int) Math.min(Integer.MAX_VALUE, (long) a + b));
            }
        }
        return demand;
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
     * {@code oldestFirst} lists the protections oldest first; the result has the same order.
     */
    static List<Integer> reshare(int onHand, List<Holding> oldestFirst) {
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
        }
        int[] reserved = oldestFirst.stream().mapToInt(h -> Math.min(h.reserved(), h.requested())).toArray();
        long total = IntStream.of(reserved).asLongStream().sum();
        for (int i = reserved.length - 1; i >= 0 && total > onHand; i--) {
            int cut = (int) Math.min(reserved[i], total - onHand);
            reserved[i] -= cut;
            total -= cut;
        }
        long available = onHand - total;
        for (int i = 0; i < reserved.length && available > 0; i++) {
            int add = (int) Math.min(oldestFirst.get(i).requested() - reserved[i], available);
            reserved[i] += add;
            available -= add;
        }
        return IntStream.of(reserved).boxed().toList();
    }

    /** One sale line of the account: {@code quantity} units of {@code sku} at {@code occurredAt}. */
    record Purchase(String sku, int quantity, Instant occurredAt) {
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
