package org.kam.chassis.resilience;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.RetriableException;
import org.kam.chassis.messaging.InvalidEventException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What kind of failure an exception is, which decides what a consumer and the API do with it (see
 * docs/adr/0007-outages-wait-poison-is-dead-lettered.md).
 */
public enum Failure {

    /**
     * The record or request is wrong in itself ({@link InvalidEventException}): trying again can
     * never help. A consumer dead-letters it at once; the API answers 400.
     */
    INVALID,

    /**
     * A dependency is unreachable, slow, read-only, out of connections or shutting down: PostgreSQL
     * or Kafka, not the record. A consumer waits it out (capped exponential back-off, for as long as
     * it takes, the partition paused); the API answers 503 with {@code Retry-After}.
     */
    OUTAGE,

    /**
     * Anything else (a constraint the record breaks, a bug): tried a few times, then dead-lettered
     * with the reason so the partition moves on and an operator can re-drive it once fixed.
     */
    UNEXPECTED;

    /**
     * PostgreSQL SQLSTATE classes and codes that mean "the database, not the statement": connection
     * exceptions (08), insufficient resources (53), operator intervention such as shutdown or
     * statement timeout (57), system errors (58), a read-only transaction (25006), and conflicts
     * that a retry resolves (40001 serialization failure, 40P01 deadlock, 55P03 lock not available).
     */
    private static final String[] OUTAGE_SQL_STATE_PREFIXES = { "08", "53", "57", "58", "25006", "40001", "40P01",
            "55P03" };

    /** Classifies {@code error} by walking its causes; the first decisive cause wins. */
    public static Failure of(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof InvalidEventException) {
                return INVALID;
            }
            if (isOutage(t)) {
                return OUTAGE;
            }
        }
        return UNEXPECTED;
    }

    /**
     * Whether {@code error} is PostgreSQL breaking a deadlock (40P01) or a serialization conflict
     * (40001): an {@link #OUTAGE} to whoever waits, but one that the same work done in smaller
     * transactions avoids.
     */
    public static boolean isConflict(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code error} is a lock that was not free in time: {@code lock_timeout} ran out (55P03),
     * or PostgreSQL broke a deadlock or serialization conflict ({@link #isConflict}). Background work
     * that waits only briefly for locks (see {@link org.kam.chassis.work.WorkLoop}) leaves such a unit
     * for its next round.
     */
    public static boolean isLockBusy(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return isConflict(error);
    }

    private static boolean isOutage(Throwable t) {
        if (t instanceof SQLException sql) {
            if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
                return true;
            }
            String state = sql.getSQLState();
            if (state != null) {
                for (String prefix : OUTAGE_SQL_STATE_PREFIXES) {
                    if (state.startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return false;
        }
        // A broken socket to the database or the broker (ConnectException, SocketTimeoutException, EOF).
        if (t instanceof IOException) {
            return true;
        }
        return t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                || t instanceof TransientDataAccessException // query timeout, lock not available, deadlock
                || t instanceof RecoverableDataAccessException
                || t instanceof CannotCreateTransactionException // no connection to begin with
                || t instanceof RetriableException // Kafka: not enough replicas, leader moved, timeout, …
                || t instanceof DisconnectException
                || t instanceof org.apache.kafka.common.errors.TimeoutException;
    }
}
