package org.kam.account.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.kam.account.Topics;
import org.kam.chassis.outbox.OutgoingEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code AccountDetailsChanged} as published on kam.accounts.v1 (account-details-changed.v1): the
 * master data other services plan with — where the customer is (visits are grouped by region),
 * when it opened (its anniversary is a key date) and who owns it on the supplier's side. The full
 * current state, so the topic can be compacted and the latest record per account is enough. The
 * assessment and the standing stay here: tiers are published as {@code TierChanged}.
 */
public record AccountDetailsChanged(UUID eventId, Instant occurredAt, String accountId, String name, String region,
        String parentId, LocalDate openedOn, String owner) {

    static AccountDetailsChanged of(AccountDetails account, Instant now) {
        return of(account.id(), account.name(), account.region(), account.parentId(), account.openedOn(),
                account.owner(), now);
    }

    public static AccountDetailsChanged of(String accountId, String name, String region, String parentId,
            LocalDate openedOn, String owner, Instant now) {
        return new AccountDetailsChanged(UUID.randomUUID(), now, accountId, name, region, parentId, openedOn, owner);
    }

    public OutgoingEvent outgoing(JsonMapper json) {
        return new OutgoingEvent(eventId, Topics.ACCOUNTS, accountId, "AccountDetailsChanged",
                json.writeValueAsString(this));
    }
}
