package org.kam.supply.catalogue;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code ProductDetailsChanged} as published on kam.products.v1 (product-details-changed.v1): a
 * product was listed, or its name, product line or technical flag changed. relationship-service
 * needs it to know when a sale is of a technical line whose buyers' frontline staff need training.
 * Stock and lead times are not part of it: they change far more often and have their own events.
 */
record ProductDetailsChanged(UUID eventId, Instant occurredAt, String sku, String name, String productLine,
        boolean technical) {

    boolean sameDetailsAs(ProductDetailsChanged other) {
        return Objects.equals(name, other.name) && Objects.equals(productLine, other.productLine)
                && technical == other.technical;
    }
}
