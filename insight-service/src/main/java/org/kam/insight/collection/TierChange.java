package org.kam.insight.collection;

import java.time.Instant;
import java.util.UUID;

/** The part of a {@code TierChanged} record (kam.account-tiers.v1) insight-service uses. */
public record TierChange(UUID eventId, String accountId, Tier from, Tier to, Instant asOf, long sequence) {

    /** A change from a producer that did not number its changes yet (sequence 0: unknown). */
    public TierChange(UUID eventId, String accountId, Tier from, Tier to, Instant asOf) {
        this(eventId, accountId, from, to, asOf, 0);
    }
}
