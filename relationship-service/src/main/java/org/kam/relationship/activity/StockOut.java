package org.kam.relationship.activity;

import java.time.Instant;
import java.util.UUID;

/** A KEY account's order that could not be served in full (key-account-stock-out.v1); the rest is backordered. */
public record StockOut(UUID eventId, Instant occurredAt, String accountId, String sku, int ordered, int backordered,
        StockOutCause cause) {
}
