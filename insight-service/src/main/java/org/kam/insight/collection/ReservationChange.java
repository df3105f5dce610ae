package org.kam.insight.collection;

import java.util.UUID;

/**
 * The part of a {@code ReservationChanged} record (kam.reservations.v1) insight-service uses:
 * {@code requested} units should be protected for the account, {@code reserved} are, and
 * {@code shortage} could not be covered from stock. {@code tier} is the tier the protection was
 * sized for (KEY for records from before supply-service sent it, when only KEY accounts had
 * protections); {@code cause} is supply-service's (TIER_CHANGED, SALE, ORDER, ...), kept as text
 * so a cause added later still reads.
 */
public record ReservationChange(UUID eventId, String accountId, String sku, Tier tier, int requested, int reserved,
        int shortage, String cause) {
}
