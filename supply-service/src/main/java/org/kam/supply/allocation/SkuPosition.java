package org.kam.supply.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.kam.supply.reservation.Tier;

/**
 * One SKU's stock as allocation sees it: units on hand, the part of them protected for named
 * accounts, and the orders still owed units, served in priority order.
 *
 * <p>The rules, as S/4HANA's advanced ATP would put them: an order is served first from the stock
 * protected for its buyer, then from unprotected stock; what cannot be served is backordered.
 * Stock protected for one account is never given to another. When supply arrives, backorders are
 * served KEY first, then POTENTIAL, then REGULAR, and within a tier by order time (then order id).
 * Invariants, whatever happens: units on hand never go below zero, protections never exceed the
 * units on hand, and every order's served plus backordered units equal its quantity.
 *
 * <p>Plain and mutable; {@link #copy()} gives the position a dry run ("what would this do?") can
 * play on without changing the real one.
 */
public final class SkuPosition {

    private static final Comparator<Backorder> PRIORITY = Comparator
            .comparing((Backorder b) -> b.tier().ordinal())
            .thenComparing(Backorder::orderedAt)
            .thenComparing(Backorder::orderId);

    private final String sku;
    private int onHand;
    private final Map<String, Integer> protectedFor = new HashMap<>();
    private final TreeSet<Backorder> backorders = new TreeSet<>(PRIORITY);

    public SkuPosition(String sku, int onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
        }
        this.sku = sku;
        this.onHand = onHand;
    }

    public String sku() {
        return sku;
    }

    public int onHand() {
        return onHand;
    }

    public int protectedUnits() {
        return protectedFor.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int protectedFor(String accountId) {
        return protectedFor.getOrDefault(accountId, 0);
    }

    public int freeStock() {
        return onHand - protectedUnits();
    }

    public int backorderedUnits() {
        return backorders.stream().mapToInt(Backorder::quantity).sum();
    }

    /** Orders still owed units, in the order they will be served. */
    public List<Backorder> backorders() {
        return List.copyOf(backorders);
    }

    /**
     * Protects {@code units} for an account, at most what is on hand and not protected for others;
     * returns the units actually protected.
     */
    public int protect(String accountId, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be 0 or more, was " + units);
        }
        int available = onHand - (protectedUnits() - protectedFor(accountId));
        int granted = Math.min(units, available);
        if (granted == 0) {
            protectedFor.remove(accountId);
        } else {
            protectedFor.put(accountId, granted);
        }
        return granted;
    }

    /** Serves an order now: own protection first, then free stock; the rest waits as a backorder. */
    public Allocation order(Order order) {
        int fromProtection = Math.min(order.quantity(), protectedFor(order.accountId()));
        if (fromProtection > 0) {
            protectedFor.merge(order.accountId(), -fromProtection, Integer::sum);
            protectedFor.remove(order.accountId(), 0);
            onHand -= fromProtection;
        }
        int fromFree = Math.min(order.quantity() - fromProtection, freeStock());
        onHand -= fromFree;
        int owed = order.quantity() - fromProtection - fromFree;
        if (owed > 0) {
            backorders.add(new Backorder(order.orderId(), order.accountId(), order.tier(), owed, order.orderedAt()));
        }
        return new Allocation(order.orderId(), order.accountId(), order.tier(), fromProtection, fromFree, owed);
    }

    /** Supply arrived: backorders are served from the free stock in priority order, partly if need be. */
    public List<Allocation> receive(int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be 0 or more, was " + units);
        }
        onHand += units;
        List<Allocation> served = new ArrayList<>();
        while (!backorders.isEmpty() && freeStock() > 0) {
            Backorder next = backorders.pollFirst();
            int granted = Math.min(next.quantity(), freeStock());
            onHand -= granted;
            int stillOwed = next.quantity() - granted;
            if (stillOwed > 0) {
                backorders.add(new Backorder(next.orderId(), next.accountId(), next.tier(), stillOwed, next.orderedAt()));
            }
            served.add(new Allocation(next.orderId(), next.accountId(), next.tier(), 0, granted, stillOwed));
        }
        return served;
    }

    /** The same position, to try an order or an arrival on without changing this one. */
    public SkuPosition copy() {
        SkuPosition copy = new SkuPosition(sku, onHand);
        copy.protectedFor.putAll(protectedFor);
        copy.backorders.addAll(backorders);
        return copy;
    }

    /** An order, or what is left of it, waiting for supply. */
    public record Backorder(String orderId, String accountId, Tier tier, int quantity, Instant orderedAt) {
    }
}
