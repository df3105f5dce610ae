package org.kam.supply.allocation;

import org.kam.supply.reservation.Tier;

/**
 * What one order got: units from the stock protected for its buyer, units from unprotected stock,
 * and units still owed (backordered).
 */
public record Allocation(String orderId, String accountId, Tier tier, int fromProtection, int fromFreeStock,
        int backordered) {

    public int served() {
        return fromProtection + fromFreeStock;
    }

    /** A key account left without everything it ordered: news for the supplier (R3.1). */
    public boolean isKeyAccountStockOut() {
        return tier == Tier.KEY && backordered > 0;
    }
}
