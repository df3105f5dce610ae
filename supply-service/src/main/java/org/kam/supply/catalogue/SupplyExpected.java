package org.kam.supply.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** {@code SupplyExpected} as published on kam.stock.v1 (contract: supply-expected.v1.schema.json). */
record SupplyExpected(UUID eventId, Instant occurredAt, UUID supplyId, SupplyKind kind, String sku, String warehouseId,
        int quantity, LocalDate dueOn) {
}
