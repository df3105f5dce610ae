package org.kam.relationship.training;

import org.kam.chassis.messaging.JsonFields;

/** Reads a {@code ProductDetailsChanged} record of kam.products.v1 (product-details-changed.v1) as a tolerant reader. */
public final class ProductDetailsReader {

    public ProductDetails read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new ProductDetails(
                fields.requiredUuid("eventId"),
                fields.requiredInstant("occurredAt"),
                fields.requiredText("sku", 64),
                fields.requiredText("name", 200),
                fields.optionalText("productLine", 100),
                fields.requiredBoolean("technical"));
    }
}
