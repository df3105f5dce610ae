package org.kam.relationship.visit;

import java.time.LocalDate;
import java.util.UUID;

/** A visit to a customer, planned or done; {@code tripId} groups one person's consecutive days in one region. */
public record Visit(UUID id, String accountId, String staffId, VisitKind kind, LocalDate plannedOn, UUID tripId,
        String region, VisitStatus status, VisitSource source, Outcome outcome, String notes, String nextSteps,
        LocalDate doneOn) {
}
