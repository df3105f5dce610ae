package org.kam.supply.catalogue;

import java.time.Instant;

/**
 * A SKU's units on hand over all warehouses, and when its stock was last counted ({@code null}:
 * never counted, so every sale is still to be served).
 */
public record StockCount(int onHand, Instant countedAt) {

    /** A sale at {@code occurredAt} was shipped before the count and is already in it. */
    public boolean includes(Instant occurredAt) {
        return countedAt != null && !occurredAt.isAfter(countedAt);
    }
}
