package org.kam.insight.collection;

import java.util.UUID;

/** A digest for MANAGEMENT was issued (by the schedule or on request); {@code summary} is its text. */
public record DigestIssued(UUID eventId, String summary) {
}
