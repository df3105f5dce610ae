package org.kam.chassis.outbox;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The write side of the transactional outbox: events are stored in the caller's transaction, so
 * they reach Kafka if and only if the business change commits.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final OutboxRelay relay;
    private final Supplier<String> traceParent;

    public Outbox(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay) {
        this(jdbc, json, relay, () -> null);
    }

    /**
     * @param traceParent the W3C {@code traceparent} of the work going on (an HTTP call, a consumed
     *                    record), or null outside any: kept with each event and sent as its header
     */
    public Outbox(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay, Supplier<String> traceParent) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
        this.traceParent = traceParent;
    }

    /**
     * Stores an event whose value is {@code payload} serialised as JSON. The payload must carry
     * {@code eventId} itself; {@code eventId} here is the same id, used for de-duplication.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID eventId, String topic, String key, String type, Object payload) {
        append(new OutgoingEvent(eventId, topic, key, type, json.writeValueAsString(payload)));
    }

    /** Stores {@code event}; an event id already waiting is a replay and is ignored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutgoingEvent event) {
        jdbc.update("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, trace_parent)
                values (?, ?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""",
                event.eventId(), event.topic(), event.key(), event.type(), event.json(), traceParent.get());
        wakeRelayAfterCommit();
    }

    /** Stores many events in one round trip (bulk imports); ids already waiting are ignored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String trace = traceParent.get();
        jdbc.batchUpdate("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, trace_parent)
                values (?, ?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""",
                events, 1000, (ps, event) -> {
                    ps.setObject(1, event.eventId());
                    ps.setString(2, event.topic());
                    ps.setString(3, event.key());
                    ps.setString(4, event.type());
                    ps.setString(5, event.json());
                    ps.setString(6, trace);
                });
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        // Polling alone would add up to one poll interval of latency to every hop; a commit
        // nudges the relay so events leave as soon as they are durable.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}
