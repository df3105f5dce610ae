package org.kam.relationship.keydate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** {@code KeyDateUpcoming} and {@code Escalated} as published on kam.relationship-signals.v1, keyed by account id. */
final class AlertSignal {

    private AlertSignal() {
    }

    /** key-date-upcoming.v1: the owner is alerted {@code lead-days} ahead. */
    record KeyDateUpcoming(UUID eventId, Instant occurredAt, UUID alertId, String accountId, UUID keyDateId,
            KeyDateKind kind, String title, LocalDate occursOn, String staffId, Instant respondBy) {
    }

    /** escalated.v1: nobody acknowledged in time; the alert went one step up the supervisor chain. */
    record Escalated(UUID eventId, Instant occurredAt, UUID alertId, String accountId, UUID keyDateId,
            KeyDateKind kind, String title, LocalDate occursOn, String fromStaffId, String toStaffId, int level,
            Instant respondBy) {
    }
}
