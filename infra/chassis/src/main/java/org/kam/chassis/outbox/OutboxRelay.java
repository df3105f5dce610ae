package org.kam.chassis.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Moves committed outbox rows to Kafka in batches and deletes them once the broker acknowledged
 * every record of the batch ({@code acks=all}, idempotent producer).
 *
 * <p>One relay per database is active at a time (a transaction-scoped advisory lock), which keeps
 * each key's events in commit order even when several instances of a service run. A failed send
 * rolls the batch back: the rows stay and are sent again, so delivery is at-least-once and
 * consumers de-duplicate on {@code eventId}.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6b616d_6f7574L; // "kam" "out"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration sendTimeout;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failedBatches;
    private final Timer batchTimer;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, Producer<String, String> producer,
            int batchSize, Duration pollInterval, Duration sendTimeout, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.sendTimeout = sendTimeout;
        this.published = Counter.builder("kam.outbox.events.published")
                .description("Events relayed from the outbox to Kafka and acknowledged").register(meters);
        this.failedBatches = Counter.builder("kam.outbox.batches.failed")
                .description("Outbox batches that Kafka did not acknowledge and will be sent again").register(meters);
        this.batchTimer = Timer.builder("kam.outbox.batch.duration")
                .description("Time to send one outbox batch and wait for its acknowledgements").register(meters);
        Gauge.builder("kam.outbox.events.pending", this, OutboxRelay::pendingCount)
                .description("Events committed but not yet acknowledged by Kafka").register(meters);
    }

    void wakeUp() {
        wakeUps.release();
    }

    /** Relays until the outbox is empty; returns how many events were sent. */
    public int drain() {
        int total = 0;
        int sent;
        do {
            sent = batchTimer.record(() -> tx.execute(status -> relayOneBatch()));
            total += sent;
        } while (sent == batchSize);
        return total;
    }

    private int relayOneBatch() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<Row> rows = jdbc.query("""
                select id, event_id, topic, message_key, event_type, payload
                from outbox_event order by id limit ?""",
                (rs, i) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)),
                batchSize);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            record.headers().add("kam-event-type", row.type().getBytes(StandardCharsets.UTF_8));
            record.headers().add("kam-event-id", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            failedBatches.increment();
            throw new IllegalStateException("Kafka did not acknowledge an outbox batch; it will be sent again", e);
        }
        // Delete exactly what was sent: a row with an id inside the batch's range may have
        // committed after the select, and it has not been sent yet.
        Long[] sentIds = rows.stream().map(Row::id).toArray(Long[]::new);
        jdbc.update(con -> {
            var delete = con.prepareStatement("delete from outbox_event where id = any(?)");
            delete.setArray(1, con.createArrayOf("bigint", sentIds));
            return delete;
        });
        published.increment(rows.size());
        return rows.size();
    }

    private double pendingCount() {
        if (!running) {
            return 0;
        }
        try {
            Long n = jdbc.queryForObject("select count(*) from outbox_event", Long.class);
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Age of the oldest waiting event; zero when the outbox is empty. */
    public Duration oldestPendingAge() {
        Timestamp oldest = jdbc.queryForObject("select min(created_at) from outbox_event", Timestamp.class);
        return oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now());
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, retrying in {}: {}", pollInterval, e.getMessage());
                sleepQuietly(pollInterval);
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop after the message listeners (which write to the outbox), start before them.
        return Integer.MAX_VALUE - 1000;
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, String payload) {
    }
}
