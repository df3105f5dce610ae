package org.kam.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;


/**
 * From a sale to what it causes, as a user of the streams sees it: the harness notes when it hands
 * each sale to the producer, and a consumer of its own reads what the services publish —
 * {@code TierChanged} naming the sale as its cause, then the first {@code ReservationChanged} of an
 * account the sale made KEY or POTENTIAL, and the first {@code NotificationIssued} whose source is
 * the sale or the tier change it caused. Latencies in HdrHistogram, microseconds.
 */
final class LatencyProbe implements AutoCloseable {

    static final List<String> TOPICS = List.of("kam.account-tiers.v1", "kam.reservations.v1", "kam.notifications.v1");

    /**
     * p50, p99, p99.9, the largest and the count, in milliseconds, to the histogram's three
     * significant digits (each the low end of its bucket, so a value recorded is read back as such).
     */
    record Percentiles(long count, double p50, double p99, double p999, double max) {
        static Percentiles of(Histogram histogram) {
            return new Percentiles(histogram.getTotalCount(), at(histogram, 50), at(histogram, 99), at(histogram, 99.9),
                    histogram.lowestEquivalentValue(histogram.getMaxValue()) / 1000.0);
        }

        private static double at(Histogram histogram, double percentile) {
            return histogram.lowestEquivalentValue(histogram.getValueAtPercentile(percentile)) / 1000.0;
        }
    }

    /** What one fixed rate gave. */
    record Result(double rate, long sales, Percentiles tierChanged, Percentiles reservation, Percentiles notification) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final SaleEffects effects = new SaleEffects();

    LatencyProbe(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kam-load-latency-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(topic -> consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: only what follows is read
    }

    /** The harness handed this sale to the producer now. */
    void sent(SalesMix.Sale sale) {
        effects.sent(sale.eventId(), System.nanoTime());
    }

    /** Reads what the services published for up to {@code time}; call it in a loop while sending and after. */
    void read(Duration time) {
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                effects.seen(record.topic(), record.value(), System.nanoTime());
            }
        }
    }

    Result result(double rate, long sales) {
        return effects.result(rate, sales);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
