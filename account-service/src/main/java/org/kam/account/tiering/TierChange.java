package org.kam.account.tiering;

import java.time.Instant;
import java.util.UUID;

/** The {@code TierChanged} fact, exactly as published on kam.account-tiers.v1. */
public record TierChange(UUID eventId, Instant occurredAt, String accountId, Tier from, Tier to, Instant asOf,
        String cause, UUID causeEventId, long sequence) {
}
