package org.kam.supply.allocation;

import java.time.Instant;
import java.util.UUID;

/** The {@code KeyAccountStockOut} fact, exactly as published on kam.supply-signals.v1. */
record KeyAccountStockOut(UUID eventId, Instant occurredAt, String sku, String accountId, UUID orderId, int ordered,
        int served, int backordered, StockOutCause cause, int onHand, int protectedForAccount, int protectedForOthers) {
}
