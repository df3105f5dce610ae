package org.kam.insight.collection;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The part of a kam.relationship-signals.v1 record insight-service uses, one record per event type
 * (the {@code kam-event-type} header); each keyed by {@code accountId} on the topic.
 */
public sealed interface RelationshipSignal {

    UUID eventId();

    String accountId();

    /** {@code CoverageGap} (coverage-gap.v1): the account's tier asks for {@code requirement}, and no contact meets it. */
    record CoverageGap(UUID eventId, String accountId, Tier tier, String requirement) implements RelationshipSignal {
    }

    /** {@code CoverageRestored} (coverage-restored.v1): that gap closed ({@code cause} MET or NO_LONGER_REQUIRED). */
    record CoverageRestored(UUID eventId, String accountId, Tier tier, String requirement, String cause)
            implements RelationshipSignal {
    }

    /** {@code KeyDateUpcoming} (key-date-upcoming.v1): alert {@code alertId} about a key date on {@code occursOn}. */
    record KeyDateUpcoming(UUID eventId, String accountId, UUID alertId, String title, LocalDate occursOn)
            implements RelationshipSignal {
    }

    /** {@code Escalated} (escalated.v1): nobody answered alert {@code alertId}; it climbed to {@code level}. */
    record Escalated(UUID eventId, String accountId, UUID alertId, String title, LocalDate occursOn, int level)
            implements RelationshipSignal {
    }

    /** {@code VisitOverdue} (visit-overdue.v1): an EXECUTIVE or OWNER visit fell due on {@code dueOn} with none planned. */
    record VisitOverdue(UUID eventId, String accountId, String kind, LocalDate dueOn) implements RelationshipSignal {
    }

    /** {@code TrainingNeeded} (training-needed.v1): the account's frontline needs training on {@code productLine}. */
    record TrainingNeeded(UUID eventId, String accountId, Tier tier, String productLine) implements RelationshipSignal {
    }
}
