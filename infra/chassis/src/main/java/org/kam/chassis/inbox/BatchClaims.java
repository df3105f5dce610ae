package org.kam.chassis.inbox;

import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event ids of the records a consumer transaction applies, so {@link Inbox} can claim them all
 * in one statement instead of one per record (issue 12). The chassis' {@code Batches} binds them to
 * the transaction before its first record (a synchronisation of that transaction); the first
 * {@link Inbox#firstDelivery} of a consumer in the transaction claims every id of the list for that
 * consumer, and each later call is answered from the result. Ids claimed but never asked for (a
 * record its handler skipped, or one that the time budget moved to the next transaction) are
 * released before the transaction commits, so what commits is exactly what one-by-one claims would
 * have committed.
 */
public final class BatchClaims implements TransactionSynchronization {

    private final List<UUID> pending;
    private final Set<UUID> pendingSet;
    private final Map<String, Claimed> byConsumer = new HashMap<>();
    private JdbcTemplate jdbc;
    /** The connection of the batch's transaction, known from the first claim in it. */
    private @Nullable Object connection;

    private BatchClaims(List<UUID> pending) {
        this.pending = pending;
        this.pendingSet = new HashSet<>(pending);
    }

    /**
     * Binds the event ids of the records about to be applied (in order; a record without a
     * readable id is left out) to the current transaction, until it completes.
     */
    public static void bind(List<UUID> eventIds) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            BatchClaims claims = new BatchClaims(new ArrayList<>(new LinkedHashSet<>(eventIds)));
            TransactionSynchronizationManager.unbindResourceIfPossible(BatchClaims.class);
            TransactionSynchronizationManager.bindResource(BatchClaims.class, claims);
            TransactionSynchronizationManager.registerSynchronization(claims);
        }
    }

    /**
     * The claims of the current transaction; null outside a batch (then the inbox claims one by one),
     * and in a transaction started inside the batch's (REQUIRES_NEW), which has its own connection.
     */
    static @Nullable BatchClaims current(JdbcTemplate jdbc) {
        BatchClaims claims = (BatchClaims) TransactionSynchronizationManager.getResource(BatchClaims.class);
        if (claims == null) {
            return null;
        }
        Object connection = TransactionSynchronizationManager.getResource(jdbc.getDataSource());
        if (claims.connection == null) {
            claims.connection = connection; // the batch's transaction, at the first claim in it
        }
        return claims.connection == connection ? claims : null;
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(BatchClaims.class);
    }

    /** Releases the ids claimed and never asked for, so only what was applied stays claimed. */
    @Override
    public void beforeCommit(boolean readOnly) {
        byConsumer.forEach((consumer, claimed) -> {
            if (!claimed.fresh.isEmpty()) {
                jdbc.update("delete from processed_event where consumer = ? and event_id = any(?)", ps -> {
                    ps.setString(1, consumer);
                    ps.setArray(2, ps.getConnection().createArrayOf("uuid", claimed.fresh.toArray()));
                });
            }
        });
    }

    /**
     * Whether {@code eventId} is delivered to {@code consumer} for the first time; null when the id is
     * not one of the batch's (the caller claims it alone).
     */
    @Nullable
    Boolean firstDelivery(String consumer, UUID eventId, JdbcTemplate jdbc) {
        if (!pendingSet.contains(eventId)) {
            return null;
        }
        Claimed claimed = byConsumer.computeIfAbsent(consumer, c -> claimAll(c, jdbc));
        // Not fresh: applied in an earlier transaction, or a second copy of it in this one.
        return claimed.fresh.remove(eventId);
    }

    /** Claims every pending id for {@code consumer}; the ones not asked for are released at commit. */
    private Claimed claimAll(String consumer, JdbcTemplate jdbc) {
        Set<UUID> fresh = new HashSet<>(jdbc.execute((java.sql.Connection connection) -> {
            Array ids = connection.createArrayOf("uuid", pending.toArray());
            try (var statement = connection.prepareStatement("""
                    insert into processed_event (consumer, event_id) select ?, id from unnest(?) as id
                    on conflict do nothing returning event_id""")) {
                statement.setString(1, consumer);
                statement.setArray(2, ids);
                List<UUID> claimed = new ArrayList<>(pending.size());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getObject(1, UUID.class));
                    }
                }
                return claimed;
            } finally {
                ids.free();
            }
        }));
        this.jdbc = jdbc;
        return new Claimed(fresh);
    }

    /** @param fresh ids newly claimed and not yet asked for */
    private record Claimed(Set<UUID> fresh) {
    }
}
