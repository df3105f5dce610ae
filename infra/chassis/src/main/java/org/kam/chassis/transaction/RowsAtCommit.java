package org.kam.chassis.transaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * Rows of one insert (or update) statement, written together just before the transaction commits: one JDBC
 * batch, which the driver sends as multi-row inserts ({@code reWriteBatchedInserts}, chassis
 * defaults). For facts a consumer appends for every record (a sale line, a sale fact, a month's
 * total) and that nothing reads back in the transaction that writes them: a consumer transaction
 * applies hundreds of records (ADR 13), and one round trip per record was most of what storing
 * them cost.
 *
 * <p>A transaction that rolls back writes none of them. Outside a transaction, or in one started
 * inside another (REQUIRES_NEW), a row is written at once. A row the database refuses fails the
 * commit; the chassis' {@code Batches} then narrows the batch down to the record that added it, as
 * for any failure.
 */
public final class RowsAtCommit<R> {

    private static final int ROWS_PER_BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final String insert;
    private final ParameterizedPreparedStatementSetter<R> values;
    private final @Nullable Function<R, ?> key;
    private final @Nullable BinaryOperator<R> merge;
    private final TransactionScoped<Waiting> waiting;

    private RowsAtCommit(JdbcTemplate jdbc, String insert, @Nullable Function<R, ?> key, @Nullable BinaryOperator<R> merge,
            ParameterizedPreparedStatementSetter<R> values) {
        this.jdbc = jdbc;
        this.insert = insert;
        this.key = key;
        this.merge = merge;
        this.values = values;
        this.waiting = new TransactionScoped<>(jdbc.getDataSource(), Waiting::new);
    }

    /**
     * @param insert an {@code insert ... values (?, ...)} without {@code returning} (the driver
     *               rewrites only those), optionally {@code on conflict do nothing}
     */
    public RowsAtCommit(JdbcTemplate jdbc, String insert, ParameterizedPreparedStatementSetter<R> values) {
        this(jdbc, insert, null, null, values);
    }

    /**
     * Rows of an upsert ({@code on conflict (...) do update}), merged per key in the transaction
     * first: one statement cannot update a row twice, and two rows for one key (two sales of an
     * account in a month) become one that the upsert then adds to the stored one. Also for an
     * {@code update} of rows the transaction holds locked and decided on in memory, with the later
     * row winning: a row changed again and again is written once, with where it ended.
     */
    public static <R> RowsAtCommit<R> merging(JdbcTemplate jdbc, String upsert, Function<R, ?> key, BinaryOperator<R> merge,
            ParameterizedPreparedStatementSetter<R> values) {
        return new RowsAtCommit<>(jdbc, upsert, key, merge, values);
    }

    /** Writes {@code row} before the current transaction commits (at once outside one). */
    public void add(R row) {
        Waiting current = waiting.current();
        if (current == null || current.committing) {
            // Outside a transaction, or added by another before-commit step after ours ran.
            write(List.of(row));
        } else if (key == null || merge == null) {
            current.rows.add(row);
        } else {
            current.byKey.merge(key.apply(row), row, merge);
        }
    }

    private void write(List<R> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(insert, rows, ROWS_PER_BATCH, values);
        }
    }

    /** The rows one transaction added; written before it commits. */
    private final class Waiting implements TransactionSynchronization {
        final List<R> rows = new ArrayList<>();
        final Map<Object, R> byKey = new LinkedHashMap<>();
        boolean committing;

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            write(rows);
            write(new ArrayList<>(byKey.values()));
        }
    }
}
