package org.kam.supply.catalogue;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code StockChanged} as published on kam.stock.v1 (contract: stock-changed.v1.schema.json): one
 * warehouse's new stock of a SKU and the SKU's new total. Not the application event
 * {@link StockChanged}, which stays inside the service.
 */
record StockLevelChanged(UUID eventId, Instant occurredAt, String sku, String warehouseId, int onHand, int skuOnHand,
        StockCause cause) {
}
