package org.kam.chassis.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.kam.chassis.inbox.BatchClaims;
import org.kam.chassis.outbox.TraceParent;
import org.kam.chassis.resilience.Failure;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * How every KAM consumer applies what one poll of its topic brought (issue 12, ADR 13): all records
 * of the batch in one database transaction (or a few, one after the other, when applying them takes
 * longer than a time budget, so no transaction holds its locks for long), in order, each through the handler a single record
 * would go through — so a handler stays "one message, one domain call", and the domain's own
 * {@code @Transactional} methods join the batch's transaction. One commit per poll instead of one
 * per record: on this machine a commit waits 10–20 ms for the disk, which capped a consumer at
 * about 100 records a second.
 *
 * <p>The guarantees stay those of one record at a time (ADR 2, ADR 7):
 * <ul>
 * <li>everything a batch changes commits together with its inbox claims and outbox rows, or not at all;</li>
 * <li>an outage (the database, the broker) rolls the batch back and is waited out from its first
 * record — nothing of it was applied, nothing is dead-lettered;</li>
 * <li>a record that fails for another reason (invalid, or unexpected) rolls the batch back; the records
 * before it are applied again in a transaction of their own and committed, and the failure is reported
 * at its index ({@link BatchListenerFailedException}): the container's error handler commits the
 * offsets before it, dead-letters or retries it as {@code ConsumerFailureHandling} decides, and
 * delivers the records behind it again — one bad record never blocks the others, and none is applied
 * twice (a batch rolled back left nothing behind, and the inbox skips what a redelivery repeats);</li>
 * <li>a service's consumers apply one transaction at a time (their batches, locking rows in the order
 * of their records, deadlocked on each other); a batch whose transaction still deadlocks with another (a service's consumers locking the same rows in
 * different orders) is rolled back and applied again in two halves, each halved again if it deadlocks
 * too, down to one record per transaction as before batches;</li>
 * <li>each record is handled in a span continuing its {@code traceparent} header (ADR 12), so its
 * log lines and the events it causes carry its trace.</li>
 * </ul>
 * Handlers must keep no state outside the transaction that a rollback would not undo — as with one
 * record at a time, where a rolled-back record is tried again.
 */
public final class Batches {

    private final TransactionTemplate transactions;
    private final java.util.function.Supplier<Tracer> tracer;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final java.util.function.Supplier<Propagator> propagator;
    private final DistributionSummary transactionSizes;
    private final long budgetNanos;
    /**
     * One consumer transaction at a time in this service: each binding's batches lock rows in the
     * order of their records, and two bindings' batches (supply-service's sales and tier changes)
     * deadlocked on each other again and again (each time after PostgreSQL's one-second deadlock
     * timeout). Fair, so no binding waits behind another for long.
     */
    private final java.util.concurrent.locks.ReentrantLock applying = new java.util.concurrent.locks.ReentrantLock(true);
    private final io.micrometer.core.instrument.Counter conflicts;

    /**
     * @param budget how long one transaction may go on applying records before it commits and the
     *               rest of the batch goes on in the next: bounds how long its locks are held
     */
    public Batches(TransactionTemplate transactions, ObjectProvider<Tracer> tracers,
            ObjectProvider<Propagator> propagators, MeterRegistry meters, java.time.Duration budget) {
        this.budgetNanos = budget.toNanos();
        this.transactions = transactions;
        this.tracer = TraceParent.resolvedOnce(tracers);
        this.propagator = TraceParent.resolvedOnce(propagators);
        this.transactionSizes = DistributionSummary.builder("kam.consumer.batch.records")
                .description("Records applied per consumer transaction (a polled batch, or what fits the time budget)")
                .register(meters);
        this.conflicts = io.micrometer.core.instrument.Counter.builder("kam.consumer.batch.conflicts")
                .description("Consumer transactions that deadlocked with another and were applied again in halves")
                .register(meters);
    }

    /** A batch consumer applying each record of a poll with {@code handler}, all in one transaction. */
    public Consumer<Message<List<byte[]>>> each(Consumer<Message<byte[]>> handler) {
        return batch -> apply(records(batch), NOTHING_FIRST, handler);
    }

    /**
     * As {@link #each(Consumer)}, and each transaction first hands {@code first} the records it is
     * about to apply: to take, in one fixed order, the locks they will need (supply-service locks
     * every account and SKU of a transaction up front, so its batches and its sizer never wait for
     * each other in a circle). {@code first} must not fail for a record that is invalid in itself —
     * leave it out ({@link #readable}): its handler fails it, at its own index.
     */
    public Consumer<Message<List<byte[]>>> each(Consumer<List<Message<byte[]>>> first, Consumer<Message<byte[]>> handler) {
        return batch -> apply(records(batch), first, handler);
    }

    private static final Consumer<List<Message<byte[]>>> NOTHING_FIRST = records -> {
    };

    /**
     * What {@code reader} reads of {@code records}, in their order, leaving out every record it
     * refuses: for a {@code first} look-ahead ({@link #each(Consumer, Consumer)}), which must not fail
     * for an invalid record — its handler refuses it, at its own index, with the reason.
     */
    public static <T> List<T> readable(List<Message<byte[]>> records, java.util.function.Function<byte[], T> reader) {
        return readableRecords(records, record -> reader.apply(record.getPayload()));
    }

    /**
     * As {@link #readable}, for a reader that needs the record's headers too (a topic that carries
     * several event types, told apart by a header); a record it answers null for is left out.
     */
    public static <T> List<T> readableRecords(List<Message<byte[]>> records,
            java.util.function.Function<Message<byte[]>, T> reader) {
        List<T> read = new ArrayList<>(records.size());
        for (Message<byte[]> record : records) {
            try {
                T value = reader.apply(record);
                if (value != null) {
                    read.add(value);
                }
            } catch (RuntimeException invalid) {
                // left for the record's own handler to refuse
            }
        }
        return read;
    }

    /**
     * Applies {@code records} in order, in one transaction — or in several, one after the other, when
     * applying them takes longer than the time budget: a transaction's locks are held no longer than
     * about that. On a failure, as the class comment says.
     */
    void apply(List<Message<byte[]>> records, Consumer<Message<byte[]>> handler) {
        apply(records, NOTHING_FIRST, handler);
    }

    void apply(List<Message<byte[]>> records, Consumer<List<Message<byte[]>>> first, Consumer<Message<byte[]>> handler) {
        apply(records, 0, records.size(), first, handler);
    }

    /**
     * The {@code eventId} at the top of a record's JSON (every KAM event has one), read without
     * parsing the rest; null when there is none or the record is not JSON (its handler will say so).
     */
    static @Nullable UUID eventIdOf(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("eventId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? UUID.fromString(parser.getString()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (RuntimeException notJsonOrNotAnId) {
            return null;
        }
    }

    private void apply(List<Message<byte[]>> records, int from, int to, Consumer<List<Message<byte[]>>> first,
            Consumer<Message<byte[]>> handler) {
        int start = from;
        while (start < to) {
            try {
                start = inOneTransaction(records, start, to, first, handler);
            } catch (Conflict conflict) {
                // Two transactions locking the same rows in different orders: PostgreSQL broke the
                // deadlock and rolled this one back. Its records go again in two halves, each halved
                // again if it deadlocks too, down to one record per transaction (as before batches).
                conflicts.increment();
                int middle = start + (to - start) / 2;
                apply(records, start, middle, first, handler);
                apply(records, middle, to, first, handler);
                return;
            }
        }
    }

    /** Thrown (before anything of the transaction is kept) when it ran into a deadlock. */
    private static final class Conflict extends RuntimeException {
        Conflict(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Applies records from {@code start} in one transaction until they are all applied or the time
     * budget is spent; returns the index after the last one committed.
     */
    private int inOneTransaction(List<Message<byte[]>> records, int start, int to,
            Consumer<List<Message<byte[]>>> first, Consumer<Message<byte[]>> handler) {
        int end = to;
        RuntimeException failureAtEnd = null;
        while (true) {
            int[] reached = { start };
            int[] stopped = { end };
            int limit = end;
            applying.lock();
            long deadline = System.nanoTime() + budgetNanos;
            try {
                transactions.executeWithoutResult(status -> {
                    // The inbox claims the ids of all these records at once (BatchClaims).
                    List<UUID> ids = new ArrayList<>(limit - start);
                    for (int i = start; i < limit; i++) {
                        UUID id = eventIdOf(records.get(i).getPayload());
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                    BatchClaims.bind(ids);
                    reached[0] = start;
                    first.accept(records.subList(start, limit));
                    for (int i = start; i < limit; i++) {
                        reached[0] = i;
                        traced(records.get(i), handler);
                        if (i + 1 < limit && System.nanoTime() > deadline) {
                            stopped[0] = i + 1;
                            break;
                        }
                    }
                });
            } catch (RuntimeException failure) {
                if (Failure.isConflict(failure) && limit - start > 1) {
                    throw new Conflict(failure);
                }
                if (Failure.of(failure) == Failure.OUTAGE) {
                    // Nothing of this transaction was kept: wait from its first record.
                    throw new BatchListenerFailedException("an outage while applying a batch", failure, start);
                }
                end = reached[0];
                failureAtEnd = failure;
                if (end == start) {
                    throw new BatchListenerFailedException("record " + end + " of the batch failed", failure, end);
                }
                continue; // the records before the failing one, alone
            } finally {
                applying.unlock();
            }
            transactionSizes.record(stopped[0] - start);
            if (failureAtEnd != null && stopped[0] == end) {
                throw new BatchListenerFailedException("record " + end + " of the batch failed", failureAtEnd, end);
            }
            return stopped[0];
        }
    }

    private void traced(Message<byte[]> record, Consumer<Message<byte[]>> handler) {
        Tracer tracer = this.tracer.get();
        Propagator propagator = this.propagator.get();
        if (tracer == null || propagator == null) {
            handler.accept(record);
            return;
        }
        Span span = propagator.extract(record.getHeaders(), (headers, key) -> text(headers.get(key)))
                .name("kam consume").kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            handler.accept(record);
        } catch (RuntimeException failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    /**
     * The records of a batch as the messages a single-record consumer gets: each payload with its
     * own headers (the binder hands them over as one list of header maps, or as Kafka's headers).
     */
    @SuppressWarnings("unchecked")
    static List<Message<byte[]>> records(Message<List<byte[]>> batch) {
        List<byte[]> payloads = batch.getPayload();
        Object converted = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        Object nativeHeaders = batch.getHeaders().get(KafkaHeaders.NATIVE_HEADERS);
        List<Message<byte[]>> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            MessageBuilder<byte[]> record = MessageBuilder.withPayload(payloads.get(i));
            if (converted instanceof List<?> maps && i < maps.size() && maps.get(i) instanceof Map<?, ?> headers) {
                ((Map<String, Object>) headers).forEach(record::setHeader);
            } else if (nativeHeaders instanceof List<?> all && i < all.size() && all.get(i) instanceof Headers headers) {
                for (Header header : headers) {
                    record.setHeader(header.key(), header.value());
                }
            }
            records.add(record.build());
        }
        return records;
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
