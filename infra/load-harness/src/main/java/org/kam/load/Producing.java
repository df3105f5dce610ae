package org.kam.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a mix of sales to a topic from one plain Kafka producer, as fast as it goes or at a fixed
 * rate. The raw baseline and the end-to-end run send through this same code and settings.
 */
final class Producing {

    /** How the sending went: records, the time it took, and the first error (null when none). */
    record Sent(long records, long nanos, long failed, String firstError) {
        double perSecond() {
            return records / (nanos / 1e9);
        }
    }

    private final String bootstrap;

    Producing(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /**
     * The {@code count} sales of {@code mix}, made before any is sent so that making them is not
     * timed: dated now, keyed by account, as the run will send them.
     */
    static List<SalesMix.Sale> make(SalesMix mix, long count) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " sales per run");
        }
        List<SalesMix.Sale> sales = new ArrayList<>((int) count);
        Instant now = Instant.now();
        for (long i = 0; i < count; i++) {
            sales.add(mix.next((double) i / count, now));
        }
        return sales;
    }

    /**
     * Sends {@code sales} to {@code topic}, keyed by account; {@code perSecond} 0 means as fast as
     * the producer takes them. {@code sent} hears of each sale as it is handed to the producer (for
     * latency probes).
     */
    Sent send(List<SalesMix.Sale> sales, String topic, double perSecond, Consumer<SalesMix.Sale> sent) {
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<String> values = sales.stream().map(SalesMix.Sale::json).toList();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < sales.size(); i++) {
                if (perSecond > 0) {
                    long due = started + (long) (i * 1e9 / perSecond);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                SalesMix.Sale sale = sales.get(i);
                sent.accept(sale);
                producer.send(new ProducerRecord<>(topic, sale.accountId(), values.get(i)), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error.toString());
                    }
                });
            }
            producer.flush();
        }
        return new Sent(sales.size(), System.nanoTime() - started, failed.get(), firstError.get());
    }
}
