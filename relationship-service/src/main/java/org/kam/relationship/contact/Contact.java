package org.kam.relationship.contact;

import java.time.Instant;
import java.util.UUID;

/** A person the supplier knows at a customer. */
public record Contact(UUID id, String accountId, String name, Level level, String role, String email, String phone,
        Instant createdAt) {
}
