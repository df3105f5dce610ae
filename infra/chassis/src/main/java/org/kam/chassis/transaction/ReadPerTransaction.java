package org.kam.chassis.transaction;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>Given a reader of many keys at once, a consumer can also read what its whole transaction will
 * ask for before its records are applied ({@link #readAhead}, one statement instead of one per new
 * key): a batch of sales of a long tail of accounts asks for a different account almost every time.
 */
public final class ReadPerTransaction<K, V> {

    private final Function<K, V> read;
    private final @Nullable Function<Collection<K>, Map<K, V>> readMany;
    private final TransactionScoped<Map<K, V>> known;

    /** @param read reads the value of one key; may answer null */
    public ReadPerTransaction(@Nullable DataSource dataSource, Function<K, V> read) {
        this(dataSource, read, null);
    }

    /**
     * @param read     reads the value of one key; may answer null
     * @param readMany reads the values of many keys in one statement; a key it leaves out is one
     *                 whose {@code read} would have answered null
     */
    public ReadPerTransaction(@Nullable DataSource dataSource, Function<K, V> read,
            @Nullable Function<Collection<K>, Map<K, V>> readMany) {
        this.read = read;
        this.readMany = readMany;
        this.known = new TransactionScoped<>(dataSource, HashMap::new);
    }

    /**
     * Reads the keys the current transaction does not know yet, all in one go, and remembers them;
     * nothing outside a transaction (there each {@link #get} reads anyway). Call it where the
     * caller already holds what serialises the keys' writers (after a batch took its locks).
     *
     * @throws IllegalStateException when this was made without a reader of many keys
     */
    public void readAhead(Collection<K> keys) {
        if (readMany == null) {
            throw new IllegalStateException("no reader of many keys to read ahead with");
        }
        Map<K, V> values = known.current();
        if (values == null) {
            return;
        }
        List<K> unknown = keys.stream().distinct().filter(key -> !values.containsKey(key)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<K, V> read = readMany.apply(unknown);
        for (K key : unknown) {
            values.put(key, read.get(key));
        }
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
