package org.kam.relationship.contact;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code ContactAdded} fact, exactly as published on kam.contacts.v1 (contact-added.v1): who
 * the person is and at which level, but not how to reach them; e-mail and phone stay here.
 * {@code role} is the contact's job title at the customer.
 */
record ContactAdded(UUID eventId, Instant occurredAt, UUID contactId, String accountId, Level level, String role,
        String name) {

    static ContactAdded of(UUID eventId, AccountContact contact) {
        return new ContactAdded(eventId, contact.createdAt(), contact.id(), contact.accountId(), contact.level(),
                contact.role(), contact.name());
    }
}
