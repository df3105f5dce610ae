package org.kam.supply.reservation;

import org.kam.chassis.messaging.JsonFields;

/** Reads the fields supply needs from a kam.account-tiers.v1 {@code TierChanged} and ignores the rest. */
public final class TierChangeReader {

    /**
     * The change, or empty when the record is invalid: for looking ahead at a batch (which accounts
     * to lock), where an invalid record is left for its own handler to refuse.
     */
    public java.util.Optional<TierChange> readIfValid(byte[] json) {
        try {
            return java.util.Optional.of(read(json));
        } catch (RuntimeException invalid) {
            return java.util.Optional.empty();
        }
    }

    public TierChange read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new TierChange(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64),
                Tier.read("to", fields.requiredText("to")),
                fields.requiredInstant("asOf"),
                fields.optionalPositiveLong("sequence", 0));
    }
}
