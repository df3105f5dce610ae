package org.kam.supply.catalogue;

import java.time.Instant;

/** A product as the catalogue shows it, with the units in stock. */
public record Product(String sku, String name, String productLine, int onHand, Instant updatedAt) {
}
