package org.kam.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What Kafka alone does with the same records on the same machine, in the same run: produced to a
 * scratch topic with the partitions of kam.sales.v1 through the same producer, then consumed back
 * by one plain consumer. The yardstick the end-to-end rate is divided by.
 */
final class RawBaseline {

    static final String TOPIC = "kam.load-baseline.v1";

    /** Records per second produced (acknowledged by all replicas) and consumed back. */
    record Result(long records, double producedPerSecond, double consumedPerSecond) {
    }

    private final String bootstrap;
    private final Admin admin;

    RawBaseline(String bootstrap, Admin admin) {
        this.bootstrap = bootstrap;
        this.admin = admin;
    }

    Result run(SalesMix mix, long count, int partitions) throws Exception {
        deleteScratchTopic();
        awaitGone();
        admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
        try {
            Producing.Sent sent = new Producing(bootstrap).send(Producing.make(mix, count), TOPIC, 0, sale -> {
            });
            if (sent.failed() > 0) {
                throw new IllegalStateException(sent.failed() + " baseline records not sent: " + sent.firstError());
            }
            return new Result(count, sent.perSecond(), consume(count));
        } finally {
            deleteScratchTopic();
        }
    }

    private double consume(long count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kam-load-baseline-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            long read = 0;
            long started = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (read < count) {
                int polled = consumer.poll(Duration.ofMillis(200)).count();
                if (polled > 0 && started == 0) {
                    started = System.nanoTime(); // from the first record: the group's join is not reading
                }
                read += polled;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the baseline consumer read " + read + " of " + count);
                }
            }
            return count / ((System.nanoTime() - started) / 1e9);
        }
    }

    private void deleteScratchTopic() throws InterruptedException {
        try {
            admin.deleteTopics(Set.of(TOPIC)).all().get();
        } catch (java.util.concurrent.ExecutionException notThere) {
            // an earlier run cleaned up after itself, or never got this far
        }
    }

    private void awaitGone() throws Exception {
        for (int i = 0; i < 100 && admin.listTopics().names().get().contains(TOPIC); i++) {
            Thread.sleep(100); // topic deletion is asynchronous in the broker; nothing to wait on but the listing
        }
    }
}
