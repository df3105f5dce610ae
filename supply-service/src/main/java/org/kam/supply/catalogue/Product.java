package org.kam.supply.catalogue;

import java.time.Instant;

/**
 * A product as the catalogue lists it; {@code onHand} is its stock over all warehouses,
 * {@code leadTimes} its own lead times where they differ from the configured ones.
 */
public record Product(String sku, String name, String productLine, boolean technical, int onHand, LeadTimes leadTimes,
        Instant updatedAt) {
}
