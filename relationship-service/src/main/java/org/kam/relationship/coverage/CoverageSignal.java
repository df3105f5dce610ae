package org.kam.relationship.coverage;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code CoverageGap} and {@code CoverageRestored} as published on kam.relationship-signals.v1
 * (coverage-gap.v1, coverage-restored.v1), keyed by account id: once when a requirement of the
 * account's checklist stops being met, once when it is met again.
 */
final class CoverageSignal {

    private CoverageSignal() {
    }

    record Gap(UUID eventId, Instant occurredAt, String accountId, Tier tier, String requirement) {
    }

    /** @param cause see {@link RestoredCause} */
    record Restored(UUID eventId, Instant occurredAt, String accountId, Tier tier, String requirement,
            RestoredCause cause) {
    }

    /** Why a gap closed. */
    enum RestoredCause {
        /** A contact now meets the requirement. */
        MET,
        /** The account's tier no longer asks for it (its plan moved to a lighter tier). */
        NO_LONGER_REQUIRED
    }
}
