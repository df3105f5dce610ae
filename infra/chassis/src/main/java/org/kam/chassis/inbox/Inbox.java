package org.kam.chassis.inbox;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The idempotent-consumer half of reliable messaging: a consumer records each event id in the
 * same transaction as the event's side effects. A redelivery finds the id and changes nothing.
 */
public class Inbox {

    /** DEBUG: one line per event a consumer applies, carrying the trace id (logging.level.org.kam.chassis.inbox). */
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Inbox.class);

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public Inbox(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * Claims {@code eventId} for {@code consumer}; true the first time, false for a duplicate.
     * Must run inside the transaction that applies the event, so the claim commits (or rolls
     * back) together with its effects. A concurrent duplicate waits on the primary key and then
     * sees false. Inside a consumer batch the ids of all its records are claimed at the first call,
     * in one statement ({@link BatchClaims}), and the others are answered from that.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        BatchClaims batch = BatchClaims.current(jdbc);
        Boolean claimed = batch == null ? null : batch.firstDelivery(consumer, eventId, jdbc);
        boolean first = claimed != null ? claimed : jdbc.update("""
                insert into processed_event (consumer, event_id) values (?, ?)
                on conflict do nothing""", consumer, eventId) == 1;
        if (!first) {
            meters.counter("kam.inbox.duplicates.skipped", "consumer", consumer).increment();
            log.debug("{} skips event {}: applied before", consumer, eventId);
            return false;
        }
        log.debug("{} applies event {}", consumer, eventId);
        return true;
    }

    /**
     * Forgets event ids applied before {@code retention} ago, a chunk at a time so the purge never
     * holds long locks; returns how many were deleted. A redelivery older than that would be applied
     * again, so the retention must exceed how long an event can come back (the input topics' retention).
     */
    public int purgeOlderThan(java.time.Duration retention) {
        java.sql.Timestamp before = java.sql.Timestamp.from(java.time.Instant.now().minus(retention));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    delete from processed_event where ctid in (
                        select ctid from processed_event where processed_at < ? limit 10000)""", before);
            total += deleted;
        } while (deleted == 10000);
        if (total > 0) {
            meters.counter("kam.inbox.ids.purged").increment(total);
        }
        return total;
    }
}
