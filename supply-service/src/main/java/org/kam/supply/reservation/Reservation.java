package org.kam.supply.reservation;

import java.time.Instant;

/** Stock protected for one account and SKU, as the API shows it; shortage = requested - reserved. */
public record Reservation(String accountId, String sku, Tier tier, int requested, int reserved, int shortage,
        Instant updatedAt) {
}
