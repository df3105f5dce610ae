package org.kam.chassis.transaction;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that lives as long as the current JDBC transaction: created at its first use in it, gone when
 * it completes. What a transaction has done already (a lock taken, a row known to exist) is worth
 * remembering only until it ends — a consumer applies hundreds of records in one (ADR 13), and each
 * statement saved is one round trip fewer per record.
 *
 * <p>The state is bound to the thread but belongs to the transaction's connection: a transaction
 * started inside another (REQUIRES_NEW) sees none ({@link #current()} is null there), as does code
 * running outside a transaction. A value that is itself a {@link TransactionSynchronization} takes
 * part in the transaction's callbacks (to write what it collected before the commit, say).
 */
public final class TransactionScoped<T> {

    private final DataSource dataSource;
    private final Supplier<T> create;

    public TransactionScoped(@Nullable DataSource dataSource, Supplier<T> create) {
        this.dataSource = java.util.Objects.requireNonNull(dataSource, "dataSource");
        this.create = create;
    }

    /** This transaction's state, created now if it has none yet; null outside a transaction of {@code dataSource}. */
    public @Nullable T current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object connection = TransactionSynchronizationManager.getResource(dataSource);
        if (connection == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Bound<T> bound = (Bound<T>) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound.connection == connection ? bound.value : null;
        }
        Bound<T> created = new Bound<>(this, connection, create.get());
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(created);
        return created.value;
    }

    /**
     * The value with the connection of the transaction that made it; unbound when that transaction
     * completes. Equal only to itself (Spring keeps synchronisations in a set, and a value changes).
     */
    private static final class Bound<T> implements TransactionSynchronization {
        private final TransactionScoped<T> key;
        private final Object connection;
        private final T value;

        Bound(TransactionScoped<T> key, Object connection, T value) {
            this.key = key;
            this.connection = connection;
            this.value = value;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (value instanceof TransactionSynchronization synchronization) {
                synchronization.beforeCommit(readOnly);
            }
        }

        @Override
        public void beforeCompletion() {
            if (value instanceof TransactionSynchronization synchronization) {
                synchronization.beforeCompletion();
            }
        }

        @Override
        public void afterCommit() {
            if (value instanceof TransactionSynchronization synchronization) {
                synchronization.afterCommit();
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            if (value instanceof TransactionSynchronization synchronization) {
                synchronization.afterCompletion(status);
            }
        }
    }
}
