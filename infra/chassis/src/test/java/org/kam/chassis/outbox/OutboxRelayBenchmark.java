package org.kam.chassis.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of the outbox against a real PostgreSQL and Kafka broker: events written in business
 * transactions, then relayed. Not part of the test run; run with
 * {@code ./mvnw -B -pl infra/chassis -am -Pbenchmarks verify} — the report goes to
 * {@code infra/chassis/target/benchmarks/outbox-relay.md}. It asserts nothing about speed.
 */
class OutboxRelayBenchmark {

    private static final int EVENTS = Integer.getInteger("events", 100_000);
    private static final int PER_TRANSACTION = 100;

    @Test
    void measureOutboxWriteAndRelayThroughput() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("offsets.topic.num.partitions", "1");
        kafka.afterPropertiesSet();
        StringBuilder report = new StringBuilder("# Outbox relay throughput\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
                .append(EVENTS).append(" events of ~200 bytes, ").append(PER_TRANSACTION)
                .append(" per business transaction; embedded PostgreSQL and an in-JVM KRaft broker (acks=all).\n\n")
                .append("| batch size | write (events/s) | relay (events/s) |\n|---:|---:|---:|\n");
        try {
            for (int batchSize : new int[] { 500, 2000 }) {
                JdbcTemplate jdbc = database("bench_" + batchSize);
                TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
                OutboxRelay relay = relay(jdbc, tx, kafka.getBrokersAsString(), batchSize);
                Outbox outbox = new Outbox(jdbc, JsonMapper.builder().build(), relay);
                String padding = "x".repeat(120);

                long start = System.nanoTime();
                for (int t = 0; t < EVENTS / PER_TRANSACTION; t++) {
                    int first = t * PER_TRANSACTION;
                    tx.executeWithoutResult(status -> {
                        for (int i = first; i < first + PER_TRANSACTION; i++) {
                            outbox.append(UUID.randomUUID(), "bench.outbox.v1", "account-" + (i % 1000), "Benchmarked",
                                    Map.of("n", i, "accountId", "account-" + (i % 1000), "padding", padding));
                        }
                    });
                }
                double writeSeconds = (System.nanoTime() - start) / 1e9;

                start = System.nanoTime();
                int sent = relay.drain();
                double relaySeconds = (System.nanoTime() - start) / 1e9;
                relay.stop();
                report.append("| ").append(batchSize).append(" | ").append(Math.round(EVENTS / writeSeconds))
                        .append(" | ").append(Math.round(sent / relaySeconds)).append(" |\n");
            }
        } finally {
            kafka.destroy();
        }
        Path out = Path.of("target", "benchmarks", "outbox-relay.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static JdbcTemplate database(String name) throws Exception {
        var dataSource = org.kam.chassis.ChassisSchema.create(name, 1);
        return new JdbcTemplate(dataSource);
    }

    private static OutboxRelay relay(JdbcTemplate jdbc, TransactionTemplate tx, String brokers, int batchSize) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new OutboxRelay(jdbc, tx, new KafkaProducer<>(config), batchSize, Duration.ofSeconds(1),
                Duration.ofSeconds(60), new SimpleMeterRegistry());
    }
}
