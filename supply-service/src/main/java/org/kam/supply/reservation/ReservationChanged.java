package org.kam.supply.reservation;

import java.time.Instant;
import java.util.UUID;

/** The {@code ReservationChanged} fact, exactly as published on kam.reservations.v1. */
record ReservationChanged(UUID eventId, Instant occurredAt, String accountId, String sku, Tier tier, int requested,
        int reserved, int shortage, Cause cause) {
}
