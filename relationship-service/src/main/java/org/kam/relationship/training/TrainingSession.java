package org.kam.relationship.training;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Product training on one line for a customer's staff; attendance counts until {@code expiresOn}. */
public record TrainingSession(UUID id, String accountId, String productLine, LocalDate heldOn, LocalDate expiresOn,
        String trainer, List<UUID> attendees) {
}
