package org.kam.supply.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>A protection has a target ({@code requested}, sized from the account's forecast) and the units
 * it holds now ({@code reserved}, at most what stock allows). When supply arrives, the waiting
 * orders of KEY and POTENTIAL accounts are served first — real orders of the accounts that come
 * first — then protections are filled (in the order they are given: KEY before POTENTIAL, then
 * oldest), and REGULAR accounts' waiting orders get what is left: stock protected for key accounts
 * is never given to another account's order, waiting or new.
 *
 * <p>Plain and mutable; {@link #copy()} gives the position a dry run ("what would this do?") can
 * play on without changing the real one.
 */
public final class SkuPosition {

    /** Accounts whose waiting orders come before protections when stock arrives. */
    public static final Set<Tier> PRIORITY_ACCOUNTS = Collections.unmodifiableSet(EnumSet.of(Tier.KEY, Tier.POTENTIAL));

    private static final Comparator<Backorder> PRIORITY = Comparator
            .comparing((Backorder b) -> b.tier().ordinal())
            .thenComparing(Backorder::orderedAt)
            .thenComparing(Backorder::orderId);

    private final String sku;
    private int onHand;
    /** In the order protections are filled: KEY before POTENTIAL, then oldest first. */
    private final Map<String, Holding> protections = new LinkedHashMap<>();
    /**
     * The sum of the protections' reserved units, kept as they change: a batch fills and draws on a
     * SKU's protections once per sale, and summing them each time was a quarter of supply's CPU
     * with a few thousand protections per SKU (issue 12, JFR).
     */
    private int reservedTotal;
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
        return reservedTotal;
    }

    /** Units held for the account now. */
    public int protectedFor(String accountId) {
        Holding holding = protections.get(accountId);
        return holding == null ? 0 : holding.reserved();
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

    /** Each protection's target and holding, in the order protections are filled. */
    public Map<String, Holding> protections() {
        return Map.copyOf(protections);
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
        set(accountId, units == 0 ? null : new Holding(units, granted));
        return granted;
    }

    /**
     * A protection as it stands (loaded, not decided here): {@code requested} wanted, {@code reserved}
     * held. Protections are filled in the order they are added.
     */
    public void hold(String accountId, int requested, int reserved) {
        Holding holding = new Holding(requested, reserved);
        if (reserved > onHand - (protectedUnits() - protectedFor(accountId))) {
            throw new IllegalArgumentException("protections exceed the " + onHand + " units on hand");
        }
        set(accountId, holding);
    }

    /**
     * Units protected for accounts whose protections were not loaded (loaded, not decided here):
     * they count as protected — no order or protection takes them — and nothing here changes them.
     * A batch of sales loads only the protections it can change ({@code SkuHoldings}).
     */
    public void protectedForOthers(int units) {
        if (units < 0 || units > freeStock()) {
            throw new IllegalArgumentException("units protected for others must be between 0 and the "
                    + freeStock() + " units not yet protected, was " + units);
        }
        reservedTotal += units;
    }

    /** An order, or what is left of it, already waiting (loaded, not decided here). */
    public void owe(Backorder backorder) {
        backorders.add(backorder);
    }

    /** Serves an order now: own protection first, then free stock; the rest waits as a backorder. */
    public Allocation order(Order order) {
        int fromProtection = takeFromProtection(order.accountId(), order.quantity());
        int fromFree = Math.min(order.quantity() - fromProtection, freeStock());
        onHand -= fromFree;
        int owed = order.quantity() - fromProtection - fromFree;
        if (owed > 0) {
            backorders.add(new Backorder(order.orderId(), order.accountId(), order.tier(), owed, order.orderedAt()));
        }
        return new Allocation(order.orderId(), order.accountId(), order.tier(), fromProtection, fromFree, owed);
    }

    /**
     * Supply arrived: orders of KEY and POTENTIAL accounts waiting are served first (each from its
     * buyer's protection, then free stock), then protections are filled, then REGULAR accounts'
     * waiting orders get what is left.
     */
    public List<Allocation> receive(int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be 0 or more, was " + units);
        }
        onHand += units;
        List<Allocation> served = new ArrayList<>(serveBackorders(PRIORITY_ACCOUNTS));
        fillProtections();
        served.addAll(serveBackorders(EnumSet.of(Tier.REGULAR)));
        return served;
    }

    /**
     * Serves waiting orders of accounts in {@code tiers} from what is there now, KEY first, then
     * POTENTIAL, then REGULAR, then by order time: each from its buyer's own protection first, then
     * from free stock.
     */
    public List<Allocation> serveBackorders(Set<Tier> tiers) {
        List<Allocation> served = new ArrayList<>();
        for (Backorder next : List.copyOf(backorders)) {
            if (!tiers.contains(next.tier())) {
                continue;
            }
            int fromProtection = takeFromProtection(next.accountId(), next.quantity());
            int fromFree = Math.min(next.quantity() - fromProtection, freeStock());
            if (fromProtection + fromFree == 0) {
                continue;
            }
            onHand -= fromFree;
            backorders.remove(next);
            int stillOwed = next.quantity() - fromProtection - fromFree;
            if (stillOwed > 0) {
                backorders.add(new Backorder(next.orderId(), next.accountId(), next.tier(), stillOwed, next.orderedAt()));
            }
            served.add(new Allocation(next.orderId(), next.accountId(), next.tier(), fromProtection, fromFree, stillOwed));
        }
        return served;
    }

    /** The same position, to try an order or an arrival on without changing this one. */
    public SkuPosition copy() {
        SkuPosition copy = new SkuPosition(sku, onHand);
        copy.protections.putAll(protections);
        copy.reservedTotal = reservedTotal;
        copy.backorders.addAll(backorders);
        return copy;
    }

    private int takeFromProtection(String accountId, int wanted) {
        Holding holding = protections.get(accountId);
        if (holding == null) {
            return 0;
        }
        int taken = Math.min(wanted, holding.reserved());
        set(accountId, new Holding(holding.requested(), holding.reserved() - taken));
        onHand -= taken;
        return taken;
    }

    /**
     * Gives free stock to protections short of their target, in fill order (after a sale drew on
     * its buyer's protection, what free stock is left tops it up again); answers the accounts whose
     * protection grew, in that order.
     */
    public List<String> fillProtections() {
        List<String> grown = new ArrayList<>();
        for (Map.Entry<String, Holding> entry : protections.entrySet()) {
            Holding holding = entry.getValue();
            int add = Math.min(holding.requested() - holding.reserved(), freeStock());
            if (add > 0) {
                entry.setValue(new Holding(holding.requested(), holding.reserved() + add));
                reservedTotal += add;
                grown.add(entry.getKey());
            }
        }
        return grown;
    }

    /** Sets (or, given null, removes) the account's protection, keeping {@link #reservedTotal}. */
    private void set(String accountId, Holding holding) {
        Holding before = holding == null ? protections.remove(accountId) : protections.put(accountId, holding);
        reservedTotal += (holding == null ? 0 : holding.reserved()) - (before == null ? 0 : before.reserved());
    }

    /** The account's protection of this SKU now; null when it has none. */
    public Holding holdingOf(String accountId) {
        return protections.get(accountId);
    }

    /** A protection: units wanted ({@code requested}) and units held now ({@code reserved}). */
    public record Holding(int requested, int reserved) {
        public Holding {
            if (reserved < 0 || requested < 0) {
                throw new IllegalArgumentException("requested and reserved must be 0 or more");
            }
        }
    }

    /** An order, or what is left of it, waiting for supply. */
    public record Backorder(String orderId, String accountId, Tier tier, int quantity, Instant orderedAt) {
    }
}
