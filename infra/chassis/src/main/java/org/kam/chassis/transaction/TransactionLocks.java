package org.kam.chassis.transaction;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL advisory locks held to the end of the transaction ({@code pg_advisory_xact_lock}),
 * each taken once per transaction: a lock this transaction holds already is not asked for again.
 * A consumer's transaction applies a whole batch of records, and supply-service locks the account of
 * every sale, often twice; each repeat was a round trip that could only answer "yours already".
 *
 * <p>Outside a transaction (or in one started inside another) every call takes the lock, as before.
 * Only a lock that was granted is remembered: one that failed (a lock timeout) aborts the
 * transaction anyway.
 */
public final class TransactionLocks {

    private final JdbcTemplate jdbc;
    private final TransactionScoped<Set<Key>> held;

    public TransactionLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.held = new TransactionScoped<>(jdbc.getDataSource(), HashSet::new);
    }

    /** {@code pg_advisory_xact_lock(space, key)}, unless this transaction holds it. */
    public void lock(int space, int key) {
        Key wanted = new Key(true, space, key);
        Set<Key> mine = held.current();
        if (mine != null && mine.contains(wanted)) {
            return;
        }
        jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, space, key);
        if (mine != null) {
            mine.add(wanted);
        }
    }

    /**
     * {@code pg_advisory_xact_lock(space, key)} for each of {@code keys} this transaction does not
     * hold yet, in ascending key order, in one statement: whoever locks several keys of a space in
     * that order never waits in a circle with another who does.
     */
    public void lockAll(int space, java.util.Collection<Integer> keys) {
        Set<Key> mine = held.current();
        java.util.List<Integer> wanted = keys.stream().distinct().sorted()
                .filter(key -> mine == null || !mine.contains(new Key(true, space, key))).toList();
        if (wanted.isEmpty()) {
            return;
        }
        if (wanted.size() == 1) {
            lock(space, wanted.get(0));
            return;
        }
        jdbc.query(connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement("""
                    select pg_advisory_xact_lock(?, k) from (select unnest(?::int[]) as k order by 1) sorted""");
            statement.setInt(1, space);
            statement.setArray(2, connection.createArrayOf("int4", wanted.toArray()));
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
        });
        if (mine != null) {
            wanted.forEach(key -> mine.add(new Key(true, space, key)));
        }
    }

    /** {@code pg_advisory_xact_lock(key)} (the one-bigint lock space), unless this transaction holds it. */
    public void lock(long key) {
        Key wanted = new Key(false, 0, key);
        Set<Key> mine = held.current();
        if (mine != null && mine.contains(wanted)) {
            return;
        }
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, key);
        if (mine != null) {
            mine.add(wanted);
        }
    }

    /** PostgreSQL keeps the two-int and the one-bigint lock spaces apart; so does this. */
    private record Key(boolean pair, int space, long key) {
    }
}
