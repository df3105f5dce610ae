package org.kam.relationship.account;

import org.kam.chassis.messaging.JsonFields;

/** Reads an {@code AccountDetailsChanged} record of kam.accounts.v1 (account-details-changed.v1) as a tolerant reader. */
public final class AccountDetailsReader {

    public AccountDetails read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new AccountDetails(
                fields.requiredUuid("eventId"),
                fields.requiredInstant("occurredAt"),
                fields.requiredText("accountId", 64),
                fields.requiredText("name", 200),
                fields.optionalText("region", 100),
                fields.optionalText("parentId", 64),
                fields.optionalDate("openedOn"),
                fields.optionalText("owner", 200));
    }
}
