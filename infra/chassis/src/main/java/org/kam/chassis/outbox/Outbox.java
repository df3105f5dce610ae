package org.kam.chassis.outbox;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.kam.chassis.transaction.TransactionScoped;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;

import tools.jackson.databind.json.JsonMapper;

/**
 * The write side of the transactional outbox: events are stored in the caller's transaction, so
 * they reach Kafka if and only if the business change commits.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    /** The events each transaction appended and has not written yet. */
    private final TransactionScoped<Pending> pendingEvents;
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
        this.pendingEvents = new TransactionScoped<>(jdbc.getDataSource(), () -> new Pending(this));
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

    /**
     * Stores {@code event}; an event id already waiting is a replay and is ignored. Inside a
     * transaction the events are kept in order and written together just before it commits, in one
     * round trip (issue 12): nothing reads the outbox inside the transaction that appends to it, and a
     * transaction that rolls back never writes them at all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutgoingEvent event) {
        Pending pending = pending();
        if (pending == null) {
            insert(List.of(new Traced(event, traceParent.get())));
            relay.wakeUp(); // no synchronisation to wait for the commit: the relay polls anyway
            return;
        }
        pending.events.add(new Traced(event, traceParent.get()));
        if (pending.committing) {
            pending.writeWaiting(); // appended by another before-commit step, after ours ran
        }
    }

    /**
     * Makes sure events appended by a before-commit step of the current transaction (something
     * that itself writes at the commit) are written with the rest: call it during the transaction,
     * before the commit. Spring calls only the synchronisations that existed when the commit began,
     * so without this an event that was the transaction's first, appended then, would never be
     * written. Nothing outside a transaction.
     */
    public void expectAppendsAtCommit() {
        pending();
    }

    /**
     * Stores many events in one round trip (bulk imports), at once rather than at the commit, so a
     * long import transaction never holds them all in memory; ids already waiting are ignored.
     * Events appended before them in the transaction are written first, keeping their order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String trace = traceParent.get();
        List<Traced> traced = events.stream().map(event -> new Traced(event, trace)).toList();
        Pending pending = pending();
        if (pending == null) {
            insert(traced);
            relay.wakeUp(); // no synchronisation to wait for the commit: the relay polls anyway
            return;
        }
        pending.writeWaiting();
        insert(traced);
        pending.written = true;
    }

    private void insert(List<Traced> events) {
        jdbc.batchUpdate("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, trace_parent)
                values (?, ?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""",
                events, 1000, (ps, traced) -> {
                    OutgoingEvent event = traced.event();
                    ps.setObject(1, event.eventId());
                    ps.setString(2, event.topic());
                    ps.setString(3, event.key());
                    ps.setString(4, event.type());
                    ps.setString(5, event.json());
                    ps.setString(6, traced.traceParent());
                });
    }

    /**
     * The events the current transaction appended and has not written yet; null outside a
     * transaction, or in one started inside another (REQUIRES_NEW): then each is written at once.
     */
    private Pending pending() {
        return pendingEvents.current();
    }

    /** An event with the trace context of the work that appended it. */
    private record Traced(OutgoingEvent event, String traceParent) {
    }

    /** The events one transaction appended, written just before it commits. */
    private static final class Pending implements TransactionSynchronization {
        final Outbox outbox;
        final List<Traced> events = new java.util.ArrayList<>();

        Pending(Outbox outbox) {
            this.outbox = outbox;
        }

        /** Whether anything was written in this transaction (the relay is woken after its commit). */
        boolean written;

        void writeWaiting() {
            if (!events.isEmpty()) {
                outbox.insert(events);
                events.clear();
                written = true;
            }
        }

        /** Set once the transaction commits: what is appended from then on is written at once. */
        boolean committing;

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            writeWaiting();
        }

        @Override
        public void afterCommit() {
            if (written) {
                outbox.relay.wakeUp();
            }
        }
    }
}
