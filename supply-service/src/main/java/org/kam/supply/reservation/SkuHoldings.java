package org.kam.supply.reservation;

import java.util.List;

/**
 * A SKU's protections as an allocation loads them to decide in memory: the units all of them hold
 * ({@code protectedUnits}) and, in the order stock fills them, the protections a batch of sales can
 * change. That is every protection when one SKU is loaded on its own; read ahead for a batch, it is
 * the buyers' protections and, only when the SKU has free stock, those short of their target — a
 * sale never frees stock, so with none free no other protection can grow (ADR 13 §15).
 */
public record SkuHoldings(long protectedUnits, List<HeldStock> holdings) {

    public SkuHoldings {
        holdings = List.copyOf(holdings);
        long loaded = holdings.stream().mapToLong(HeldStock::reserved).sum();
        if (loaded > protectedUnits) {
            throw new IllegalArgumentException("the holdings loaded hold " + loaded + " units, more than the "
                    + protectedUnits + " protected on the SKU");
        }
    }

    /** Every protection of the SKU: the units protected are theirs. */
    static SkuHoldings all(List<HeldStock> holdings) {
        return new SkuHoldings(holdings.stream().mapToLong(HeldStock::reserved).sum(), holdings);
    }

    /** Units protected for accounts whose protections were not loaded. */
    public long protectedForOthers() {
        return protectedUnits - holdings.stream().mapToLong(HeldStock::reserved).sum();
    }
}
