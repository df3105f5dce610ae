package org.kam.supply.reservation;

import org.kam.chassis.messaging.JsonFields;

/** Reads the fields supply needs from a kam.account-tiers.v1 {@code TierChanged} and ignores the rest. */
public final class TierChangeReader {

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
