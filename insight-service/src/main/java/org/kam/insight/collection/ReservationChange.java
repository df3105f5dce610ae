package org.kam.insight.collection;

import java.util.UUID;

/**
 * The part of a {@code ReservationChanged} record (kam.reservations.v1) insight-service uses:
 * {@code requested} units should be protected for the account, {@code reserved} are, and
 * {@code shortage} could not be covered from stock.
 */
public record ReservationChange(UUID eventId, String accountId, String sku, int requested, int reserved,
        int shortage, String cause) {
}
