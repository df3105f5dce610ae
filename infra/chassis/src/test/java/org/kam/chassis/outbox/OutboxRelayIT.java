package org.kam.chassis.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kam.chassis.inbox.Inbox;
import org.kam.testsupport.KafkaProbe;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The outbox and inbox against a real PostgreSQL and a real Kafka broker, without Spring Boot. */
class OutboxRelayIT {

    static EmbeddedKafkaKraftBroker kafka;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startInfrastructure() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("offsets.topic.num.partitions", "1");
        kafka.afterPropertiesSet();
        var dataSource = org.kam.chassis.ChassisSchema.create("outbox_it_" + ProcessHandle.current().pid());
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stopInfrastructure() {
        kafka.destroy();
    }

    @BeforeEach
    void emptyTables() {
        jdbc.update("delete from outbox_event");
        jdbc.update("delete from processed_event");
    }

    @Test
    void aTransactionsEventsAreWrittenTogetherAtItsCommitInOrderEachWithItsOwnTraceContext() {
        // given an outbox whose work changes trace context from one event to the next
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        int[] span = { 0 };
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay,
                () -> "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b" + span[0] + "-01");
        UUID first = UUID.randomUUID();
        UUID bulk1 = UUID.randomUUID();
        UUID bulk2 = UUID.randomUUID();
        UUID last = UUID.randomUUID();

        // when one transaction appends one, then two in bulk, then one more (and the first again)
        Integer visibleInside = tx.execute(status -> {
            outbox.append(first, "outbox.order.v1", "k", "Counted", Map.of("eventId", first.toString()));
            span[0] = 1;
            outbox.appendAll(List.of(new OutgoingEvent(bulk1, "outbox.order.v1", "k", "Counted", "{}"),
                    new OutgoingEvent(bulk2, "outbox.order.v1", "k", "Counted", "{}")));
            span[0] = 2;
            outbox.append(last, "outbox.order.v1", "k", "Counted", Map.of("eventId", last.toString()));
            outbox.append(first, "outbox.order.v1", "k", "Counted", Map.of("eventId", first.toString()));
            return jdbc.queryForObject("select count(*) from outbox_event where event_id = ?", Integer.class, last);
        });

        // then the last was not written before the commit, and all four are stored once, in order,
        // each with the trace context it was appended in
        assertThat(visibleInside).isZero();
        assertThat(jdbc.query("select event_id, right(trace_parent, 5) from outbox_event order by id",
                (rs, i) -> rs.getObject(1, UUID.class) + " " + rs.getString(2)))
                .containsExactly(first + " b0-01", bulk1 + " b1-01", bulk2 + " b1-01", last + " b2-01");
    }

    @Test
    void anEventAppendedByABeforeCommitStepIsWrittenWhenTheTransactionExpectedIt() {
        // given a step that appends the transaction's only event just before the commit
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
        UUID atCommit = UUID.randomUUID();

        // when the transaction said so while it ran
        tx.executeWithoutResult(status -> {
            outbox.expectAppendsAtCommit();
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            outbox.append(atCommit, "outbox.order.v1", "k", "Counted", Map.of("eventId", atCommit.toString()));
                        }
                    });
        });

        // then the event is stored, once
        assertThat(jdbc.queryForList("select event_id from outbox_event", UUID.class)).containsExactly(atCommit);
    }

    @Test
    void aTransactionStartedInsideAnotherKeepsItsOwnEvents() {
        // given an outer transaction that appends, then runs an inner one (REQUIRES_NEW) that appends too
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
        TransactionTemplate inner = new TransactionTemplate(tx.getTransactionManager());
        inner.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        UUID outer = UUID.randomUUID();
        UUID own = UUID.randomUUID();

        // when the inner one commits and the outer one rolls back
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            outbox.append(outer, "outbox.order.v1", "k", "Counted", Map.of("n", 1));
            inner.executeWithoutResult(s -> outbox.append(own, "outbox.order.v1", "k", "Counted", Map.of("n", 2)));
            throw new IllegalStateException("the outer change failed");
        })).hasMessage("the outer change failed");

        // then the inner one's event is stored and the outer one's is not
        assertThat(jdbc.queryForList("select event_id from outbox_event", UUID.class)).containsExactly(own);
    }

    @Test
    void aTransactionThatRollsBackWritesNoneOfItsEvents() {
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            outbox.append(UUID.randomUUID(), "outbox.order.v1", "k", "Counted", Map.of("n", 1));
            throw new IllegalStateException("the business change failed");
        })).hasMessage("the business change failed");

        assertThat(jdbc.queryForObject("select count(*) from outbox_event", Integer.class)).isZero();
    }

    @Test
    void relaysCommittedEventsInOrderPerKeyInBatchesAndEmptiesTheOutbox() {
        // given 1,234 events over 10 keys, committed in several transactions
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
        for (int t = 0; t < 6; t++) {
            int first = t * 206;
            tx.executeWithoutResult(status -> {
                for (int i = first; i < Math.min(first + 206, 1234); i++) {
                    outbox.append(UUID.randomUUID(), "outbox.order.v1", "key-" + (i % 10), "Counted", Map.of("n", i));
                }
            });
        }

        // when the relay drains the outbox
        int sent = relay.drain();

        // then every event is on the topic once, each key's events in commit order, and nothing is left
        assertThat(sent).isEqualTo(1234);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event", Integer.class)).isZero();
        try (KafkaProbe probe = new KafkaProbe(kafka.getBrokersAsString())) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords("outbox.order.v1", 1234, r -> true);
            assertThat(records).hasSize(1234);
            Map<String, List<Integer>> perKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> Integer.parseInt(r.value().replaceAll("\\D", "")), Collectors.toList())));
            assertThat(perKey).hasSize(10);
            perKey.values().forEach(numbers -> assertThat(numbers).isSorted());
            assertThat(KafkaProbe.header(records.get(0), "kam-event-type")).isEqualTo("Counted");
        }
        assertThat(meters.counter("kam.outbox.events.published", "topic", "outbox.order.v1").count()).isEqualTo(1234);
    }

    @Test
    void keepsEveryEventWhenKafkaDoesNotAcknowledge() {
        // given a relay whose broker does not answer
        OutboxRelay relay = relay("127.0.0.1:1", Duration.ofSeconds(1));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < 3; i++) {
                outbox.append(UUID.randomUUID(), "outbox.down.v1", "k", "Counted", Map.of("n", i));
            }
        });

        // when it tries to relay, several times
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThatThrownBy(relay::drain).isInstanceOf(OutboxRelay.KafkaUnavailableException.class);
        }

        // then the events stay for the next attempt, and an outage counts against none of them
        assertThat(jdbc.queryForList("select attempts from outbox_event", Integer.class)).containsExactly(0, 0, 0);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where parked_at is null", Integer.class))
                .isEqualTo(3);
        relay.stop();
    }

    @Test
    void aRowKafkaRefusesIsParkedAfterMaxAttemptsAndTheRowsAroundItAreSentOnce() {
        // given a row too large for Kafka between two good ones, and a row for a topic that cannot exist
        OutboxRelay relay = parkingRelay();
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
        UUID tooLarge = UUID.randomUUID();
        UUID badTopic = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            outbox.append(UUID.randomUUID(), "outbox.parking.v1", "k", "Counted", Map.of("n", 1));
            outbox.append(tooLarge, "outbox.parking.v1", "k", "Counted", Map.of("n", 2, "blob", "x".repeat(2_000_000)));
            outbox.append(badTopic, "not a valid topic!", "k", "Counted", Map.of("n", 3));
            outbox.append(UUID.randomUUID(), "outbox.parking.v1", "k", "Counted", Map.of("n", 4));
        });

        // when the relay runs three times
        for (int attempt = 0; attempt < 3; attempt++) {
            relay.drain();
        }

        // then the good rows were sent once each, not again with every failed batch
        try (KafkaProbe probe = new KafkaProbe(kafka.getBrokersAsString())) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords("outbox.parking.v1", 2, r -> true);
            assertThat(records).extracting(r -> json(r.value()).get("n").asInt()).containsExactly(1, 4);
        }
        // and the refused rows are parked with their reasons, out of the pending count
        assertThat(relay.parked(10)).extracting(OutboxRelay.ParkedEvent::eventId).containsExactly(tooLarge, badTopic);
        assertThat(relay.parked(10)).allSatisfy(parked -> assertThat(parked.attempts()).isEqualTo(3));
        assertThat(relay.parked(10).get(0).reason()).startsWith("RecordTooLargeException");
        assertThat(relay.parked(10).get(1).reason()).startsWith("InvalidTopicException");
        assertThat(meters.get("kam.outbox.events.pending").gauge().value()).isZero();
        assertThat(meters.get("kam.outbox.events.parked").gauge().value()).isEqualTo(2);
        assertThat(meters.counter("kam.outbox.rows.parked").count()).isEqualTo(2);

        // when an operator sends one again, it is back in line with fresh attempts; the other is discarded
        assertThat(relay.resend(tooLarge)).isTrue();
        assertThat(jdbc.queryForObject("select attempts from outbox_event where event_id = ? and parked_at is null",
                Integer.class, tooLarge)).isZero();
        assertThat(relay.discard(badTopic)).isTrue();
        assertThat(relay.discard(badTopic)).isFalse();
        relay.stop();
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverSent() {
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);

        tx.executeWithoutResult(status -> {
            outbox.append(UUID.randomUUID(), "outbox.rollback.v1", "k", "Counted", Map.of("n", 1));
            status.setRollbackOnly();
        });

        assertThat(relay.drain()).isZero();
        relay.stop();
    }

    @Test
    void anEventCarriesTheTraceContextItWasWrittenInAndOneWrittenOutsideAnyTraceCarriesNone() {
        // given an outbox asked for the current traceparent at each append
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay, current::get);
        tx.executeWithoutResult(status -> outbox.append(UUID.randomUUID(), "outbox.traced.v1", "k", "Counted", Map.of("n", 1)));
        current.set(null);
        tx.executeWithoutResult(status -> outbox.append(UUID.randomUUID(), "outbox.traced.v1", "k", "Counted", Map.of("n", 2)));

        // when the relay sends them
        relay.drain();

        // then the first record continues that trace and the second has no trace header
        try (KafkaProbe probe = new KafkaProbe(kafka.getBrokersAsString())) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords("outbox.traced.v1", 2, r -> true);
            assertThat(KafkaProbe.header(records.get(0), "traceparent"))
                    .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            assertThat(records.get(1).headers().lastHeader("traceparent")).isNull();
        }
        relay.stop();
    }

    @Test
    void anEventIdAlreadyWaitingIsStoredOnce() {
        OutboxRelay relay = relay(kafka.getBrokersAsString(), Duration.ofSeconds(30));
        Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
        UUID id = UUID.randomUUID();

        tx.executeWithoutResult(status -> outbox.append(id, "outbox.replay.v1", "k", "Counted", Map.of("n", 1)));
        tx.executeWithoutResult(status -> outbox.append(id, "outbox.replay.v1", "k", "Counted", Map.of("n", 1)));

        assertThat(jdbc.queryForObject("select count(*) from outbox_event", Integer.class)).isEqualTo(1);
        relay.stop();
    }

    @Test
    void theInboxForgetsEventIdsOlderThanItsRetentionAndKeepsTheRest() {
        // given 25,000 ids applied 40 days ago and 3 applied now
        Inbox inbox = new Inbox(jdbc, meters);
        jdbc.update("""
                insert into processed_event (consumer, event_id, processed_at)
                select 'old', gen_random_uuid(), now() - interval '40 days' from generate_series(1, 25000)""");
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < 3; i++) {
                inbox.firstDelivery("recent", UUID.randomUUID());
            }
        });

        // when the purge runs with a retention of 30 days
        int purged = inbox.purgeOlderThan(Duration.ofDays(30));

        // then the old ids are gone, in chunks, and the recent ones stay
        assertThat(purged).isEqualTo(25_000);
        assertThat(jdbc.queryForList("select consumer from processed_event", String.class)).containsOnly("recent").hasSize(3);
        assertThat(meters.counter("kam.inbox.ids.purged").count()).isEqualTo(25_000);
    }

    @Test
    void theInboxLetsAnEventThroughOncePerConsumer() {
        Inbox inbox = new Inbox(jdbc, meters);
        UUID event = UUID.randomUUID();

        Boolean first = tx.execute(status -> inbox.firstDelivery("consumer-a", event));
        Boolean again = tx.execute(status -> inbox.firstDelivery("consumer-a", event));
        Boolean otherConsumer = tx.execute(status -> inbox.firstDelivery("consumer-b", event));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
        assertThat(meters.counter("kam.inbox.duplicates.skipped", "consumer", "consumer-a").count()).isEqualTo(1);
    }

    private OutboxRelay parkingRelay() {
        Map<String, Object> connection = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        var settings = new OutboxRelay.Settings(500, Duration.ofMillis(200), Duration.ofSeconds(5), 3, Duration.ofSeconds(1));
        return new OutboxRelay(jdbc, tx, new KafkaProducer<>(OutboxRelay.producerConfig(connection, "parking", settings.sendTimeout())),
                topics -> Set.of(), settings, meters, null);
    }

    private static tools.jackson.databind.JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    private OutboxRelay relay(String brokers, Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new OutboxRelay(jdbc, tx, new KafkaProducer<>(config), 500, Duration.ofMillis(200), sendTimeout, meters);
    }
}
