package org.kam.insight.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What a rule decides to tell one department, and how urgently; it becomes a {@link Notification}
 * when issued.
 */
record Notice(Department department, Kind kind, String accountId, String sku, String message, Severity severity) {

    /** A notice of its kind's severity. */
    Notice(Department department, Kind kind, String accountId, String sku, String message) {
        this(department, kind, accountId, sku, message, kind.severity());
    }

    Notice to(Department other, Severity newSeverity) {
        return new Notice(other, kind, accountId, sku, message, newSeverity);
    }

    /**
     * The notification this notice makes for {@code sourceEventId}. Its id is derived from the
     * source event, department and kind, so deriving it again (a replay) gives the same id.
     */
    Notification issue(UUID sourceEventId, Instant occurredAt) {
        return issue(sourceEventId, occurredAt, Route.Context.NONE);
    }

    /** As {@link #issue(UUID, Instant)}, noting the account's tier and the SKU's product line it was routed by. */
    Notification issue(UUID sourceEventId, Instant occurredAt, Route.Context context) {
        UUID id = UUID.nameUUIDFromBytes((sourceEventId + "/" + department + "/" + kind).getBytes(StandardCharsets.UTF_8));
        return new Notification(id, department, kind, severity, accountId, sku, context.tier(), context.productLine(),
                message, sourceEventId, occurredAt, null, null);
    }
}
