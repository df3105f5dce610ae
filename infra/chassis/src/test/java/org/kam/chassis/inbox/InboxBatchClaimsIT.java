package org.kam.chassis.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kam.chassis.messaging.Batches;
import org.kam.chassis.messaging.InvalidEventException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A consumer batch claims its records' event ids in one statement (BatchClaims), against a real
 * PostgreSQL; what commits is exactly what claiming one record at a time committed.
 */
class InboxBatchClaimsIT {

    private static final String CONSUMER = "test-service.sales";

    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Inbox inbox = new Inbox(jdbc, meters);
    final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        var dataSource = org.kam.chassis.ChassisSchema.create("inbox_it_" + ProcessHandle.current().pid(), 2);
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void emptyInbox() {
        jdbc.update("delete from processed_event");
    }

    private Batches batches(Duration budget) {
        return new Batches(tx, new DefaultListableBeanFactory().getBeanProvider(Tracer.class),
                new DefaultListableBeanFactory().getBeanProvider(Propagator.class), meters, budget);
    }

    /** Claims each record's id as a consumer does, noting "id-letter true|false"; skips records named "skip". */
    private Consumer<Message<byte[]>> handler(List<String> invalid) {
        return record -> {
            String body = new String(record.getPayload(), StandardCharsets.UTF_8);
            String name = body.replaceAll(".*\"name\":\"([^\"]*)\".*", "$1");
            if (invalid.contains(name)) {
                throw new InvalidEventException("name", "invalid " + name);
            }
            if (name.equals("skip")) {
                return;
            }
            UUID id = UUID.fromString(body.replaceAll(".*\"eventId\":\"([^\"]*)\".*", "$1"));
            answers.add(name + " " + inbox.firstDelivery(CONSUMER, id));
        };
    }

    private static Message<byte[]> record(String name, UUID id) {
        return MessageBuilder.withPayload(("{\"name\":\"" + name + "\",\"eventId\":\"" + id + "\"}")
                .getBytes(StandardCharsets.UTF_8)).build();
    }

    private List<UUID> claimed() {
        return jdbc.queryForList("select event_id from processed_event where consumer = ? order by processed_at, event_id",
                UUID.class, CONSUMER);
    }

    @Test
    void aBatchAnswersEachRecordAsOneByOneClaimsWouldDuplicatesWithinAndBeforeIncluded() {
        // given B applied before
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        tx.executeWithoutResult(status -> inbox.firstDelivery(CONSUMER, b));

        // when a batch brings A, B, A again and C
        batches(Duration.ofMinutes(1)).each(handler(List.of()))
                .accept(batchOf(record("a", a), record("b", b), record("a-again", a), record("c", c)));

        // then A and C are first deliveries, B and the second A duplicates, and each id is claimed once
        assertThat(answers).containsExactly("a true", "b false", "a-again false", "c true");
        assertThat(claimed()).containsExactlyInAnyOrder(a, b, c);
        assertThat(meters.counter("kam.inbox.duplicates.skipped", "consumer", CONSUMER).count()).isEqualTo(2);
    }

    @Test
    void aRecordItsHandlerSkipsLeavesNoClaimBehind() {
        UUID skipped = UUID.randomUUID();
        UUID applied = UUID.randomUUID();

        batches(Duration.ofMinutes(1)).each(handler(List.of()))
                .accept(batchOf(record("skip", skipped), record("applied", applied)));

        assertThat(answers).containsExactly("applied true");
        assertThat(claimed()).containsExactly(applied);
    }

    @Test
    void recordsTheTimeBudgetMovesToTheNextTransactionAreClaimedThereNotLost() {
        // given a time budget so short that every record commits in a transaction of its own
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        batches(Duration.ZERO).each(handler(List.of()))
                .accept(batchOf(record("first", ids.get(0)), record("second", ids.get(1)), record("third", ids.get(2))));

        // then each was a first delivery in its own transaction, and each is claimed once
        assertThat(answers).containsExactly("first true", "second true", "third true");
        assertThat(claimed()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(meters.summary("kam.consumer.batch.records").count()).isEqualTo(3);
    }

    @Test
    void anInvalidRecordKeepsTheClaimsBeforeItAndLeavesItsOwnAndTheLaterOnesUnclaimed() {
        UUID before = UUID.randomUUID();
        UUID invalid = UUID.randomUUID();
        UUID after = UUID.randomUUID();

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches(Duration.ofMinutes(1)).each(handler(List.of("invalid")))
                        .accept(batchOf(record("before", before), record("invalid", invalid), record("after", after))));

        // the records before it are applied again alone and committed; it and the rest come again
        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(claimed()).containsExactly(before);
        assertThat(answers).containsExactly("before true", "before true");
    }

    @Test
    void outsideABatchEachClaimIsItsOwnStatementAsBefore() {
        UUID id = UUID.randomUUID();

        Boolean first = tx.execute(status -> inbox.firstDelivery(CONSUMER, id));
        Boolean again = tx.execute(status -> inbox.firstDelivery(CONSUMER, id));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(claimed()).containsExactly(id);
    }

    @SafeVarargs
    private static Message<List<byte[]>> batchOf(Message<byte[]>... records) {
        List<byte[]> payloads = new ArrayList<>();
        for (Message<byte[]> record : records) {
            payloads.add(record.getPayload());
        }
        return MessageBuilder.withPayload(payloads).build();
    }
}
