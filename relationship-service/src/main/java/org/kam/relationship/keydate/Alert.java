package org.kam.relationship.keydate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A key date coming up, raised for the account's owner; {@code assigneeStaffId} holds it now (the
 * owner, or a supervisor after {@code escalationLevel} escalations) until someone acknowledges it.
 */
public record Alert(UUID id, UUID keyDateId, String accountId, KeyDateKind kind, String title, LocalDate occursOn,
        String ownerStaffId, String assigneeStaffId, int escalationLevel, Instant raisedAt, Instant respondBy,
        Instant acknowledgedAt, String acknowledgedBy) {
}
