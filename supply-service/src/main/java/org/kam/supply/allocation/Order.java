package org.kam.supply.allocation;

import java.time.Instant;

import org.kam.supply.reservation.Tier;

/** A customer's demand for one SKU, with the buyer's tier at the time it is served. */
public record Order(String orderId, String accountId, Tier tier, int quantity, Instant orderedAt) {

    public Order {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be greater than 0, was " + quantity);
        }
    }
}
