package org.kam.relationship.activity;

import java.time.Instant;
import java.util.UUID;

/** Stock supply-service protects for an account and SKU (reservation-changed.v1); reserved 0 means released. */
public record Protection(UUID eventId, Instant occurredAt, String accountId, String sku, int requested, int reserved,
        int shortage) {
}
