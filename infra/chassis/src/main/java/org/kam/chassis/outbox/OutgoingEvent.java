package org.kam.chassis.outbox;

import java.util.Objects;
import java.util.UUID;

/**
 * One event on its way to Kafka: the topic, the record key (the aggregate id, so one aggregate's
 * events stay in order on one partition), the event type (sent as the {@code kam-event-type}
 * header, never a Java class name) and the JSON value.
 */
public record OutgoingEvent(UUID eventId, String topic, String key, String type, String json) {

    public OutgoingEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }
}
