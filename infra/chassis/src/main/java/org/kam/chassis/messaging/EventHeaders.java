package org.kam.chassis.messaging;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;

/** The KAM headers of a consumed record ({@code kam-event-type}, see infra/contracts/asyncapi.yaml). */
public final class EventHeaders {

    public static final String EVENT_TYPE = "kam-event-type";

    private EventHeaders() {
    }

    /**
     * The record's event type, or null without one. The binder hands over headers it has no type
     * information for (such as those the outbox relay writes) as raw bytes; a producer using
     * Spring's header mapper may send a String.
     */
    public static String eventType(Message<?> message) {
        Object type = message.getHeaders().get(EVENT_TYPE);
        if (type instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return type == null ? null : type.toString();
    }
}
