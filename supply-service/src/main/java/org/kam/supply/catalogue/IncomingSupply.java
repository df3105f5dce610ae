package org.kam.supply.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A production order or shipment due into a warehouse; {@code receivedAt} is null until it arrives. */
public record IncomingSupply(UUID id, SupplyKind kind, String sku, String warehouseId, int quantity, LocalDate dueOn,
        SupplyStatus status, Instant createdAt, Instant receivedAt) {
}
