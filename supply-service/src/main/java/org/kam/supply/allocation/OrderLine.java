package org.kam.supply.allocation;

import java.time.Instant;
import java.util.UUID;

import org.kam.supply.reservation.Tier;

/**
 * One order (a sale) and how it was served: at once from the buyer's protection and from free
 * stock, later from arriving supply, and what it is still owed.
 */
public record OrderLine(UUID orderId, String accountId, String sku, int quantity, Instant orderedAt, Tier tier,
        int fromProtection, int fromFreeStock, int servedLater, int owed) {
}
