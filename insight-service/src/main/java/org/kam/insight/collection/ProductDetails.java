package org.kam.insight.collection;

import java.util.UUID;

/** The part of a {@code ProductDetailsChanged} record (kam.products.v1, compacted by SKU) insight-service uses. */
public record ProductDetails(UUID eventId, String sku, String name, String productLine, boolean technical) {
}
