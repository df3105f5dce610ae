package org.kam.relationship.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person at a customer, through one dated link: {@code id} is the person (the same at every
 * customer they work for), {@code linkId} the link; {@code to} is their last day there, null while
 * they still work there.
 */
public record AccountContact(UUID id, UUID linkId, String accountId, String name, String email, String phone,
        Level level, String title, List<String> roles, Integer influence, Integer strength, Stance stance,
        UUID reportsTo, String ownerStaffId, LocalDate from, LocalDate to, Instant createdAt) {

    public boolean current(LocalDate today) {
        return to == null || !to.isBefore(today);
    }

    /** The title, for the ContactAdded event's free-text {@code role}. */
    String role() {
        return title;
    }
}
