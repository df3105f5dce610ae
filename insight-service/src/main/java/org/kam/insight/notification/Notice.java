package org.kam.insight.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** What a rule decides to tell one department; it becomes a {@link Notification} when issued. */
record Notice(Department department, Kind kind, String accountId, String sku, String message) {

    /**
     * The notification this notice makes for {@code sourceEventId}. Its id is derived from the
     * source event, department and kind, so deriving it again (a replay) gives the same id.
     */
    Notification issue(UUID sourceEventId, Instant occurredAt) {
        UUID id = UUID.nameUUIDFromBytes((sourceEventId + "/" + department + "/" + kind).getBytes(StandardCharsets.UTF_8));
        return new Notification(id, department, kind, accountId, sku, message, sourceEventId, occurredAt);
    }
}
