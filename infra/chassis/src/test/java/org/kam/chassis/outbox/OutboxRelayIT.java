package org.kam.chassis.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.kam.testsupport.TestDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
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
        String server = TestDatabase.serverUrl();
        String database = "outbox_it_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(server, TestDatabase.user(), TestDatabase.password())) {
            connection.createStatement().execute("create database " + database);
        }
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                server.replaceFirst("/[^/]*$", "/" + database), TestDatabase.user(), TestDatabase.password());
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/chassis/V0_1__outbox_and_inbox.sql"));
        }
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
        assertThat(meters.counter("kam.outbox.events.published").count()).isEqualTo(1234);
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

        // when it tries to relay, then it fails and the events stay for the next attempt
        assertThatThrownBy(relay::drain).isInstanceOf(RuntimeException.class);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event", Integer.class)).isEqualTo(3);
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
