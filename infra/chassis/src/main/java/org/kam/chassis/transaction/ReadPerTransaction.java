package org.kam.chassis.transaction;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A value read from the database once per transaction for each key: an account's tier, a SKU's
 * product line. A consumer's transaction applies hundreds of records (ADR 13) about the same few
 * accounts and SKUs, and asking PostgreSQL for each record was thousands of round trips a batch.
 * Whoever writes the value in the same transaction says so ({@link #wrote}), or has the next read
 * ask again ({@link #forget}); nobody else can change it meanwhile only if the caller holds what
 * serialises its writers (a lock, or the service's one consumer transaction at a time) — the same
 * condition under which reading it twice would have given the same answer.
 *
 * <p>Outside a transaction, or in one started inside another (REQUIRES_NEW), every call reads.
 * A null read is remembered too.
 */
public final class ReadPerTransaction<K, V> {

    private final Function<K, V> read;
    private final TransactionScoped<Map<K, V>> known;

    /** @param read reads the value of one key; may answer null */
    public ReadPerTransaction(@Nullable DataSource dataSource, Function<K, V> read) {
        this.read = read;
        this.known = new TransactionScoped<>(dataSource, HashMap::new);
    }

    /** The key's value: read at its first use in the current transaction, remembered after that. */
    public @Nullable V get(K key) {
        Map<K, V> values = known.current();
        if (values == null) {
            return read.apply(key);
        }
        if (values.containsKey(key)) {
            return values.get(key);
        }
        V value = read.apply(key);
        values.put(key, value);
        return value;
    }

    /** The current transaction wrote {@code value} for the key: what it reads next. */
    public void wrote(K key, @Nullable V value) {
        Map<K, V> values = known.current();
        if (values != null) {
            values.put(key, value);
        }
    }

    /** The current transaction changed the key in a way only the database can tell: read it again next time. */
    public void forget(K key) {
        Map<K, V> values = known.current();
        if (values != null) {
            values.remove(key);
        }
    }
}
