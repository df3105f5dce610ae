package org.kam.relationship.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The part of an {@code AccountDetailsChanged} event (kam.accounts.v1) this service plans with:
 * the region groups visits into trips, the opening date is a yearly key date, and the directory's
 * owner becomes the relationship owner when it names a staff member.
 */
public record AccountDetails(UUID eventId, Instant occurredAt, String accountId, String name, String region,
        String parentId, LocalDate openedOn, String owner) {
}
