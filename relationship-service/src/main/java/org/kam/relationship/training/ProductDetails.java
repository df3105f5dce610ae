package org.kam.relationship.training;

import java.time.Instant;
import java.util.UUID;

/** The part of a {@code ProductDetailsChanged} event (kam.products.v1) this service needs: a SKU's line and whether it is technical. */
public record ProductDetails(UUID eventId, Instant occurredAt, String sku, String name, String productLine,
        boolean technical) {
}
