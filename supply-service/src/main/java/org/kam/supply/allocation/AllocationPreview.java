package org.kam.supply.allocation;

import java.time.Clock;
import java.util.List;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.supply.allocation.SkuPosition.Backorder;
import org.kam.supply.reservation.Tier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "What would this do?" — a dry run of {@link SkuPosition} on a copy of the SKU's current stock,
 * protections and backorders: an order with the buyer's current tier, or an arrival of stock.
 * Nothing is stored or published.
 */
@Service
public class AllocationPreview {

    private final Orders orders;
    private final Clock clock;

    AllocationPreview(Orders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Preview order(String sku, String accountId, int quantity) {
        SkuPosition position = position(sku);
        Tier tier = orders.tierOf(accountId);
        Snapshot before = Snapshot.of(position, accountId);
        Allocation allocation = position.copy().order(new Order("preview", accountId, tier, quantity, clock.instant()));
        return new Preview(sku, accountId, tier, quantity, allocation.fromProtection(), allocation.fromFreeStock(),
                allocation.backordered(), allocation.isKeyAccountStockOut(), before);
    }

    /** What {@code units} arriving now would do: which waiting orders they serve, what protections get. */
    @Transactional(readOnly = true)
    public ArrivalPreview arrival(String sku, int units) {
        SkuPosition position = position(sku);
        SkuPosition after = position.copy();
        List<Allocation> served = after.receive(units);
        List<ProtectionAfter> protections = after.protections().entrySet().stream()
                .map(e -> new ProtectionAfter(e.getKey(), e.getValue().requested(),
                        position.protectedFor(e.getKey()), e.getValue().reserved()))
                .filter(p -> p.reservedBefore() != p.reservedAfter())
                .sorted(java.util.Comparator.comparing(ProtectionAfter::accountId))
                .toList();
        return new ArrivalPreview(sku, units, position.onHand(), position.backorderedUnits(), served.stream()
                .map(a -> new Served(a.orderId(), a.accountId(), a.tier(), a.fromProtection(), a.fromFreeStock(),
                        a.backordered()))
                .toList(), protections, after.onHand(), after.freeStock(), after.backorderedUnits(), after.backorders());
    }

    private SkuPosition position(String sku) {
        return orders.position(sku).orElseThrow(() -> new InvalidEventException("sku", "no product " + sku));
    }

    /** The stock the order would meet. */
    public record Snapshot(int onHand, int protectedForBuyer, int protectedForOthers, int freeStock) {
        static Snapshot of(SkuPosition position, String accountId) {
            int own = position.protectedFor(accountId);
            return new Snapshot(position.onHand(), own, position.protectedUnits() - own, position.freeStock());
        }
    }

    public record Preview(String sku, String accountId, Tier tier, int quantity, int fromProtection, int fromFreeStock,
            int backordered, boolean keyAccountStockOut, Snapshot stock) {
    }

    /** One waiting order the arrival would serve, and what it would still be owed. */
    public record Served(String orderId, String accountId, Tier tier, int fromProtection, int fromFreeStock,
            int stillOwed) {
    }

    /** A protection the arrival would fill. */
    public record ProtectionAfter(String accountId, int requested, int reservedBefore, int reservedAfter) {
    }

    public record ArrivalPreview(String sku, int arriving, int onHandBefore, int backorderedBefore, List<Served> served,
            List<ProtectionAfter> protections, int onHandAfter, int freeStockAfter, int backorderedAfter,
            List<Backorder> stillWaiting) {
    }
}
