package org.kam.relationship.coverage;

import static org.kam.testsupport.JsonRecord.quote;

import java.util.UUID;

import org.kam.testsupport.EventBuilder;

/**
 * Test-data builder for {@code TierChanged} JSON as account-service publishes it on
 * kam.account-tiers.v1 (every field of tier-changed.v1), with raw values so tests can also write
 * wrong ones.
 */
public final class TierChangedJson extends EventBuilder<TierChangedJson> {

    static final String EVENT_ID = "0b6f3e1c-2a4d-4e5f-8a9b-1c2d3e4f5a6b";

    private TierChangedJson() {
    }

    public static TierChangedJson valid() {
        return new TierChangedJson()
                .withRaw("eventId", quote(EVENT_ID))
                .withRaw("occurredAt", quote("2026-03-02T09:00:01.123456Z"))
                .withRaw("accountId", quote("C-1"))
                .withRaw("from", quote("REGULAR"))
                .withRaw("to", quote("KEY"))
                .withRaw("asOf", quote("2026-03-02T09:00:00Z"))
                .withRaw("cause", quote("SALE"))
                .withRaw("causeEventId", quote("6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e"));
    }

    /** A valid change of {@code accountId} to {@code to} (from KEY, or from REGULAR when it becomes KEY), with a fresh event id. */
    public static TierChangedJson change(String accountId, String to, String asOf) {
        return valid().withRaw("eventId", quote(UUID.randomUUID().toString()))
                .withRaw("accountId", quote(accountId))
                .withRaw("from", quote("KEY".equals(to) ? "REGULAR" : "KEY"))
                .withRaw("to", quote(to))
                .withRaw("asOf", quote(asOf))
                .withRaw("causeEventId", quote(UUID.randomUUID().toString()));
    }
}
