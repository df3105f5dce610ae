package org.kam.relationship.coverage;

import java.time.Instant;
import java.util.UUID;

/** The part of a {@code TierChanged} event this service needs: which account now has which tier, as of when, and why (its cause, for briefings). */
public record TierChange(UUID eventId, String accountId, Tier to, Instant asOf, long sequence, String cause) {

    /** A change from a producer that did not number its changes yet (sequence 0: unknown). */
    public TierChange(UUID eventId, String accountId, Tier to, Instant asOf) {
        this(eventId, accountId, to, asOf, 0, null);
    }

    public TierChange(UUID eventId, String accountId, Tier to, Instant asOf, long sequence) {
        this(eventId, accountId, to, asOf, sequence, null);
    }
}
