package org.kam.insight.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * What a department was told: as stored, as the API lists it, and (as {@link #issued()}) as
 * published on kam.notifications.v1.
 *
 * @param id            also the {@code NotificationIssued} event id
 * @param sourceEventId the event the notification was derived from
 * @param occurredAt    when insight-service issued it
 */
public record Notification(UUID id, Department department, Kind kind, String accountId, String sku, String message,
        UUID sourceEventId, Instant occurredAt) {

    NotificationIssued issued() {
        return new NotificationIssued(id, occurredAt, department, kind, accountId, sku, message, sourceEventId);
    }

    /** The {@code NotificationIssued} event, exactly as notification-issued.v1.schema.json defines it. */
    record NotificationIssued(UUID eventId, Instant occurredAt, Department department, Kind kind, String accountId,
            String sku, String message, UUID sourceEventId) {
    }
}
