package org.kam.supply.reservation;

import java.time.Instant;
import java.util.UUID;

/** The part of a kam.account-tiers.v1 {@code TierChanged} that supply needs. */
public record TierChange(UUID eventId, String accountId, Tier to, Instant asOf, long sequence) {

    /** A change from a producer that did not number its changes yet (sequence 0: unknown). */
    public TierChange(UUID eventId, String accountId, Tier to, Instant asOf) {
        this(eventId, accountId, to, asOf, 0);
    }
}
