package org.kam.supply.catalogue;

import java.time.Instant;

/** A product as the catalogue lists it; {@code onHand} is its stock over all warehouses. */
public record Product(String sku, String name, String productLine, boolean technical, int onHand, Instant updatedAt) {
}
