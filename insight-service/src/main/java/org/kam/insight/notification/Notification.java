package org.kam.insight.notification;

import java.time.Instant;
import java.util.UUID;

import org.kam.insight.collection.Tier;

/**
 * What a department was told: as stored, as the API lists it, and (as {@link #issued()}) as
 * published on kam.notifications.v1.
 *
 * @param id             also the {@code NotificationIssued} event id
 * @param tier           the account's tier when it was issued (null when it is not about an account)
 * @param productLine    the SKU's product line, when known
 * @param sourceEventId  the event the notification was derived from
 * @param occurredAt     when insight-service issued it
 * @param acknowledgedAt when someone said they have seen it (null until then), and who
 */
public record Notification(UUID id, Department department, Kind kind, Severity severity, String accountId, String sku,
        Tier tier, String productLine, String message, UUID sourceEventId, Instant occurredAt, Instant acknowledgedAt,
        String acknowledgedBy) {

    NotificationIssued issued() {
        return new NotificationIssued(id, occurredAt, department, kind, severity, accountId, sku, message, sourceEventId);
    }

    /** The {@code NotificationIssued} event, exactly as notification-issued.v1.schema.json defines it. */
    record NotificationIssued(UUID eventId, Instant occurredAt, Department department, Kind kind, Severity severity,
            String accountId, String sku, String message, UUID sourceEventId) {
    }
}
