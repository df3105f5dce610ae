package org.kam.chassis.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.kam.chassis.resilience.Failure;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * How a polled batch is applied: one transaction, and on a failure the guarantees of one record at
 * a time. The "database" here is a list that a transaction's records join when it commits.
 */
class BatchesTest {

    private final List<String> committed = new ArrayList<>();
    private final List<Integer> transactionSizes = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Batches batches = new Batches(new TransactionTemplate(new ListTransactions()),
            new DefaultListableBeanFactory().getBeanProvider(Tracer.class),
            new DefaultListableBeanFactory().getBeanProvider(Propagator.class), meters, java.time.Duration.ofMinutes(1));

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "the first field                | {\"eventId\":\"5f0c6f7e-6b1e-4c1a-9a43-2f5f3c2d1e00\",\"x\":1} | 5f0c6f7e-6b1e-4c1a-9a43-2f5f3c2d1e00",
            "after nested values            | {\"a\":{\"eventId\":\"no\"},\"b\":[1,{\"c\":2}],\"eventId\":\"5f0c6f7e-6b1e-4c1a-9a43-2f5f3c2d1e00\"} | 5f0c6f7e-6b1e-4c1a-9a43-2f5f3c2d1e00",
            "no eventId                     | {\"accountId\":\"C-1\"} | ",
            "an eventId that is no UUID     | {\"eventId\":\"not-a-uuid\"} | ",
            "an eventId that is a number    | {\"eventId\":42} | ",
            "not JSON                       | {not json | ",
            "a JSON array                   | [1,2] | " })
    void theEventIdIsReadFromTheTopOfTheRecordWithoutParsingTheRest(String situation, String json, String expected) {
        assertThat(Batches.eventIdOf(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(expected == null ? null : java.util.UUID.fromString(expected));
    }

    @Test
    void aBatchIsAppliedInOrderInOneTransaction() {
        batches.apply(records("a", "b", "c"), apply(Set.of(), Set.of()));

        assertThat(committed).containsExactly("a", "b", "c");
        assertThat(transactionSizes).containsExactly(3);
        assertThat(meters.summary("kam.consumer.batch.records").totalAmount()).isEqualTo(3);
    }

    @Test
    void aLookAheadReadsTheRecordsItCanInOrderAndLeavesTheInvalidOnesToTheirHandlers() {
        List<Integer> read = Batches.readable(records("1", "x", "3", "-"), json -> {
            String text = new String(json, StandardCharsets.UTF_8);
            if (!text.matches("[0-9]+")) {
                throw new InvalidEventException("value", "not a number: " + text);
            }
            return Integer.valueOf(text);
        });

        assertThat(read).containsExactly(1, 3);
    }

    @Test
    void aLookAheadThatNeedsTheHeadersReadsByTheRecordAndLeavesOutWhatItRefusesOrDoesNotKnow() {
        // given records of two event types told apart by a header, one of a type not read, one without the header
        List<Message<byte[]>> records = List.of(
                MessageBuilder.withPayload(bytes("1")).setHeader("kam-event-type", "Count").build(),
                MessageBuilder.withPayload(bytes("2")).setHeader("kam-event-type", "Other").build(),
                MessageBuilder.withPayload(bytes("3")).build(),
                MessageBuilder.withPayload(bytes("4")).setHeader("kam-event-type", "Count").build());

        List<Integer> read = Batches.readableRecords(records, record -> {
            Object type = record.getHeaders().get("kam-event-type");
            if (type == null) {
                throw new InvalidEventException("kam-event-type", "missing");
            }
            return "Count".equals(type) ? Integer.valueOf(new String(record.getPayload(), StandardCharsets.UTF_8)) : null;
        });

        assertThat(read).containsExactly(1, 4);
    }

    @Test
    void theRecordsBeforeAnInvalidOneAreCommittedAloneAndTheFailureNamesItsIndex() {
        // given a batch whose third record is invalid
        Consumer<Message<byte[]>> handler = apply(Set.of("c"), Set.of());

        // when it is applied
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.apply(records("a", "b", "c", "d", "e"), handler));

        // then a and b are committed once (the first transaction, with c, rolled back), the failure is
        // c's, at index 2, and d and e are left to the redelivery that follows
        assertThat(committed).containsExactly("a", "b");
        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(Failure.of(failure)).isEqualTo(Failure.INVALID);
    }

    @Test
    void anInvalidFirstRecordIsReportedAtOnce() {
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.apply(records("x", "b"), apply(Set.of("x"), Set.of())));

        assertThat(committed).isEmpty();
        assertThat(failure.getIndex()).isZero();
        assertThat(Failure.of(failure)).isEqualTo(Failure.INVALID);
    }

    @Test
    void anOutageKeepsNothingOfTheBatchAndIsWaitedOutFromItsFirstRecord() {
        // given the database going away while the fourth record is applied
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.apply(records("a", "b", "c", "d"), apply(Set.of(), Set.of("d"))));

        // then nothing is committed, and the batch is tried again from its first record, as an outage
        assertThat(committed).isEmpty();
        assertThat(failure.getIndex()).isZero();
        assertThat(Failure.of(failure)).isEqualTo(Failure.OUTAGE);
    }

    @Test
    void aBatchThatDeadlocksIsAppliedAgainInHalves() {
        // given a record that deadlocks when it shares its transaction with others (locks taken in
        // another order than a concurrent batch's), and goes through alone
        Consumer<Message<byte[]>> handler = message -> {
            String value = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (value.equals("c") && !pending().isEmpty()) {
                throw new org.springframework.dao.CannotAcquireLockException("deadlock",
                        new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
            }
            pending().add(value);
        };

        // when the batch is applied
        batches.apply(records("a", "b", "c", "d"), handler);

        // then each record is committed once, in order: a and b, then c (first in its transaction) and d
        assertThat(committed).containsExactly("a", "b", "c", "d");
        assertThat(transactionSizes).containsExactly(2, 2);
        assertThat(meters.counter("kam.consumer.batch.conflicts").count()).isEqualTo(1);
    }

    @Test
    void aRecordFailingWhenAppliedAloneAfterADeadlockIsReportedAtItsIndex() {
        // given a deadlock at b whenever it is not first in its transaction, and c invalid
        Consumer<Message<byte[]>> deadlockThenInvalid = message -> {
            String value = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (value.equals("b") && !pending().isEmpty()) {
                throw new org.springframework.dao.CannotAcquireLockException("deadlock",
                        new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
            }
            if (value.equals("c")) {
                throw new InvalidEventException("value", "is c");
            }
            pending().add(value);
        };

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.apply(records("a", "b", "c", "d"), deadlockThenInvalid));

        assertThat(committed).containsExactly("a", "b");
        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(Failure.of(failure)).isEqualTo(Failure.INVALID);
    }

    @Test
    void aBatchTakingLongerThanTheTimeBudgetIsCommittedInSeveralTransactions() {
        // given a budget of nothing: each transaction stops after its first record
        Batches hurried = new Batches(new TransactionTemplate(new ListTransactions()),
                new DefaultListableBeanFactory().getBeanProvider(Tracer.class),
                new DefaultListableBeanFactory().getBeanProvider(Propagator.class), meters, java.time.Duration.ZERO);

        hurried.apply(records("a", "b", "c"), apply(Set.of(), Set.of()));

        assertThat(committed).containsExactly("a", "b", "c");
        assertThat(transactionSizes).containsExactly(1, 1, 1);
    }

    @Test
    void anOutageAfterATransactionOfTheBatchCommittedIsWaitedOutFromTheFirstRecordNotCommitted() {
        Batches hurried = new Batches(new TransactionTemplate(new ListTransactions()),
                new DefaultListableBeanFactory().getBeanProvider(Tracer.class),
                new DefaultListableBeanFactory().getBeanProvider(Propagator.class), meters, java.time.Duration.ZERO);

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> hurried.apply(records("a", "b", "c"), apply(Set.of(), Set.of("b"))));

        assertThat(committed).containsExactly("a");
        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(Failure.of(failure)).isEqualTo(Failure.OUTAGE);
    }

    @Test
    void eachTransactionFirstSeesTheRecordsItIsAboutToApplyInsideIt() {
        // given a budget of nothing: each transaction stops after its first record
        Batches hurried = new Batches(new TransactionTemplate(new ListTransactions()),
                new DefaultListableBeanFactory().getBeanProvider(Tracer.class),
                new DefaultListableBeanFactory().getBeanProvider(Propagator.class), meters, java.time.Duration.ZERO);
        List<String> seenFirst = new ArrayList<>();
        Consumer<List<Message<byte[]>>> first = records -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            seenFirst.add(records.stream().map(r -> new String(r.getPayload(), StandardCharsets.UTF_8))
                    .collect(java.util.stream.Collectors.joining()));
        };

        batches.apply(records("a", "b", "c"), first, apply(Set.of(), Set.of()));
        hurried.apply(records("x", "y", "z"), first, apply(Set.of(), Set.of()));

        // then one transaction saw all three first; the hurried ones each what was left to apply
        assertThat(seenFirst).containsExactly("abc", "xyz", "yz", "z");
        assertThat(committed).containsExactly("a", "b", "c", "x", "y", "z");
    }

    @Test
    void eachRecordKeepsItsOwnHeaders() {
        Message<List<byte[]>> batch = MessageBuilder.<List<byte[]>>withPayload(List.of(bytes("a"), bytes("b")))
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(
                        Map.of(EventHeaders.EVENT_TYPE, bytes("SaleRecorded")),
                        Map.of(EventHeaders.EVENT_TYPE, "KeyAccountStockOut")))
                .build();

        assertThat(Batches.records(batch)).extracting(EventHeaders::eventType)
                .containsExactly("SaleRecorded", "KeyAccountStockOut");
    }

    /** Applies a record by buffering it in the transaction; {@code invalid} and {@code outage} fail. */
    private Consumer<Message<byte[]>> apply(Set<String> invalid, Set<String> outage) {
        return message -> {
            String value = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (invalid.contains(value)) {
                throw new InvalidEventException("value", "is " + value);
            }
            if (outage.contains(value)) {
                throw new org.springframework.jdbc.CannotGetJdbcConnectionException("no connection",
                        new SQLTransientConnectionException("connection refused"));
            }
            pending().add(value);
        };
    }

    private List<String> pending() {
        @SuppressWarnings("unchecked")
        List<String> buffer = (List<String>) TransactionSynchronizationManager.getResource(this);
        if (buffer == null) {
            List<String> fresh = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(BatchesTest.this);
                    if (status == STATUS_COMMITTED) {
                        committed.addAll(fresh);
                        transactionSizes.add(fresh.size());
                    }
                }
            });
            return fresh;
        }
        return buffer;
    }

    private static List<Message<byte[]>> records(String... values) {
        return java.util.Arrays.stream(values).map(v -> MessageBuilder.withPayload(bytes(v)).build()).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Transactions that hold nothing themselves: what commits is what the synchronisation above keeps. */
    private static final class ListTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
