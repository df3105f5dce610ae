package org.kam.chassis.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.kam.chassis.resilience.Outages;
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
 * Moves committed outbox rows to Kafka in batches and deletes each row once the broker acknowledged
 * it ({@code acks=all}, idempotent producer).
 *
 * <p>One relay per database is active at a time (a transaction-scoped advisory lock), which keeps
 * each key's events in commit order even when several instances of a service run. What Kafka
 * acknowledged is deleted even when other rows of the batch failed, so a failure never sends the
 * rows beside it again. A row that fails for a reason of its own (too large, unknown topic, not
 * authorised) is counted, and after {@code maxAttempts} parked: kept with its reason, skipped, listed
 * and re-sendable by an operator. When Kafka itself is unreachable nothing is counted: the relay
 * backs off (capped, exponential) and tries again for as long as it takes.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6b616d_6f7574L; // "kam" "out"
    static final String OUTAGE = "outbox relay to Kafka";

    /**
     * @param batchSize    rows sent per batch and transaction
     * @param pollInterval how often the relay looks for rows when no commit woke it
     * @param sendTimeout  how long a batch may take to be acknowledged (the producer's delivery and
     *                     blocking timeouts are set to it)
     * @param maxAttempts  failures of one row, for a reason of its own, before it is parked
     * @param maxBackOff   the longest wait between tries while Kafka is unreachable
     */
    public record Settings(int batchSize, Duration pollInterval, Duration sendTimeout, int maxAttempts,
            Duration maxBackOff) {
    }

    /** Which of some topics do not exist; throws when the broker cannot be asked. */
    @FunctionalInterface
    public interface TopicProbe {
        Set<String> missing(Set<String> topics) throws Exception;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Producer<String, String> producer;
    private final @Nullable TopicProbe topics;
    private final Settings settings;
    private final @Nullable Outages outages;
    private final Semaphore wakeUps = new Semaphore(0);
    private final MeterRegistry meters;
    /** Events relayed and acknowledged, per topic: the rate of each stream a dashboard shows. */
    private final Map<String, Counter> published = new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter failedBatches;
    private final Counter parked;
    private final Timer batchTimer;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, Producer<String, String> producer,
            @Nullable TopicProbe topics, Settings settings, MeterRegistry meters, @Nullable Outages outages) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.topics = topics;
        this.settings = settings;
        this.outages = outages;
        this.meters = meters;
        this.failedBatches = Counter.builder("kam.outbox.batches.failed")
                .description("Outbox batches in which Kafka did not acknowledge every row").register(meters);
        this.parked = Counter.builder("kam.outbox.rows.parked")
                .description("Outbox rows parked after Kafka refused them maxAttempts times").register(meters);
        this.batchTimer = Timer.builder("kam.outbox.batch.duration")
                .description("Time to send one outbox batch and wait for its acknowledgements").register(meters);
        Gauge.builder("kam.outbox.events.pending", this, r -> r.count("parked_at is null"))
                .description("Events committed but not yet acknowledged by Kafka (parked ones not included)")
                .register(meters);
        Gauge.builder("kam.outbox.events.parked", this, r -> r.count("parked_at is not null"))
                .description("Events Kafka refused maxAttempts times, waiting for an operator").register(meters);
    }

    /** A relay with default attempts and back-off (tests, benchmarks). */
    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, Producer<String, String> producer,
            int batchSize, Duration pollInterval, Duration sendTimeout, MeterRegistry meters) {
        this(jdbc, tx, producer, null, new Settings(batchSize, pollInterval, sendTimeout, 3, Duration.ofSeconds(10)),
                meters, null);
    }

    /**
     * The producer settings the relay needs on top of the connection ones: every send gives up within
     * {@code sendTimeout}, whether it waits for metadata, buffer space or acknowledgements.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> connection, String clientId,
            Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>(connection);
        int timeout = (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis());
        int linger = 5;
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(30_000, timeout - linger)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    void wakeUp() {
        wakeUps.release();
    }

    /**
     * Relays until the outbox holds nothing but parked rows; returns how many events were sent.
     *
     * @throws KafkaUnavailableException when Kafka could not be reached (what was acknowledged
     *                                   before stays sent)
     */
    public int drain() {
        int total = 0;
        BatchResult result;
        do {
            result = batchTimer.record(() -> tx.execute(status -> relayOneBatch()));
            total += result.sent();
            if (result.outage() != null) {
                throw new KafkaUnavailableException(result.outage());
            }
        } while (result.read() == settings.batchSize() && result.failed() == 0);
        return total;
    }

    private BatchResult relayOneBatch() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return BatchResult.NOTHING;
        }
        List<Row> rows = jdbc.query("""
                select id, event_id, topic, message_key, event_type, payload, attempts, trace_parent
                from outbox_event where parked_at is null order by id limit ?""",
                (rs, i) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)),
                settings.batchSize());
        if (rows.isEmpty()) {
            return BatchResult.NOTHING;
        }
        List<Future<RecordMetadata>> acks = send(rows);
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>(rows.size());
        Map<Row, Throwable> failed = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(rows.get(i).id());
                publishedTo(rows.get(i).topic()).increment();
            } catch (ExecutionException e) {
                failed.put(rows.get(i), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                failed.put(rows.get(i), new org.apache.kafka.common.errors.TimeoutException(
                        "not acknowledged within the send timeout of " + settings.sendTimeout()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(rows.get(i), e);
            }
        }
        if (!sent.isEmpty()) {
            // Delete exactly what was acknowledged: a row with an id inside the batch's range may have
            // committed after the select, and it has not been sent yet.
            Long[] ids = sent.toArray(Long[]::new);
            jdbc.update(con -> {
                var delete = con.prepareStatement("delete from outbox_event where id = any(?)");
                delete.setArray(1, con.createArrayOf("bigint", ids));
                return delete;
            });
        }
        if (failed.isEmpty()) {
            return new BatchResult(rows.size(), sent.size(), 0, null);
        }
        failedBatches.increment();
        return recordFailures(rows.size(), sent.size(), failed);
    }

    private Counter publishedTo(String topic) {
        return published.computeIfAbsent(topic, t -> Counter.builder("kam.outbox.events.published").tag("topic", t)
                .description("Events relayed from the outbox to Kafka and acknowledged").register(meters));
    }

    private List<Future<RecordMetadata>> send(List<Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        // A topic whose metadata did not come within the timeout makes every send to it block as long
        // again: the rest of its rows wait for the next batch instead.
        Map<String, KafkaException> unreachableTopics = new HashMap<>();
        for (Row row : rows) {
            KafkaException known = unreachableTopics.get(row.topic());
            if (known != null) {
                acks.add(CompletableFuture.failedFuture(known));
                continue;
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            record.headers().add("kam-event-type", row.type().getBytes(StandardCharsets.UTF_8));
            record.headers().add("kam-event-id", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            if (row.traceParent() != null) {
                // W3C trace context: the consumers' spans join the trace the event was written in.
                record.headers().add(TraceParent.HEADER, row.traceParent().getBytes(StandardCharsets.UTF_8));
            }
            try {
                acks.add(producer.send(record));
            } catch (KafkaException e) {
                acks.add(CompletableFuture.failedFuture(e));
            }
            if (acks.get(acks.size() - 1).isDone()) {
                try {
                    acks.get(acks.size() - 1).get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException timeout) {
                        unreachableTopics.put(row.topic(), timeout);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        producer.flush();
        return acks;
    }

    /**
     * Counts the failures that are the rows' own, parking the rows that reached maxAttempts, and tells
     * an outage (Kafka unreachable: nothing counted) from them.
     */
    private BatchResult recordFailures(int read, int sent, Map<Row, Throwable> failed) {
        Set<String> retriableTopics = new HashSet<>();
        failed.forEach((row, error) -> {
            if (isRetriable(error)) {
                retriableTopics.add(row.topic());
            }
        });
        Set<String> missingTopics = Set.of();
        Throwable outage = null;
        if (!retriableTopics.isEmpty()) {
            try {
                missingTopics = topics == null ? Set.of() : topics.missing(retriableTopics);
                if (!missingTopics.containsAll(retriableTopics) && sent == 0) {
                    // The broker answered, yet nothing went through: still an outage (no leader, ISR).
                    outage = failed.values().iterator().next();
                }
            } catch (Exception e) {
                outage = e;
            }
            if (topics == null && sent == 0) {
                outage = failed.values().iterator().next();
            }
        }
        int parkedNow = 0;
        for (Map.Entry<Row, Throwable> entry : failed.entrySet()) {
            Row row = entry.getKey();
            Throwable error = entry.getValue();
            boolean ownFault = !isRetriable(error) || missingTopics.contains(row.topic());
            String reason = describe(error, missingTopics.contains(row.topic()) ? row.topic() : null);
            if (!ownFault) {
                jdbc.update("update outbox_event set last_error = ? where id = ?", reason, row.id());
                continue;
            }
            int attempts = row.attempts() + 1;
            boolean park = attempts >= settings.maxAttempts();
            jdbc.update("update outbox_event set attempts = ?, last_error = ?, parked_at = case when ? then now() end"
                    + " where id = ?", attempts, reason, park, row.id());
            if (park) {
                parkedNow++;
                log.error("Outbox row {} (event {} on {}) parked after {} attempts: {}", row.id(), row.eventId(),
                        row.topic(), attempts, reason);
            }
        }
        parked.increment(parkedNow);
        return new BatchResult(read, sent, failed.size(), outage);
    }

    private static boolean isRetriable(Throwable error) {
        return error instanceof RetriableException || error instanceof InterruptedException;
    }

    private static String describe(Throwable error, @Nullable String missingTopic) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return missingTopic == null ? text : "topic " + missingTopic + " does not exist (" + text + ")";
    }

    private double count(String condition) {
        try {
            Long n = jdbc.queryForObject("select count(*) from outbox_event where " + condition, Long.class);
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Age of the oldest waiting event (parked ones not included); zero when none waits. */
    public Duration oldestPendingAge() {
        Timestamp oldest = jdbc.queryForObject("select min(created_at) from outbox_event where parked_at is null",
                Timestamp.class);
        return oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now());
    }

    /** The parked rows, oldest first, without their payloads. */
    public List<ParkedEvent> parked(int limit) {
        return jdbc.query("""
                select event_id, topic, message_key, event_type, octet_length(payload), attempts, last_error,
                       created_at, parked_at
                from outbox_event where parked_at is not null order by id limit ?""",
                (rs, i) -> new ParkedEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getInt(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()),
                limit);
    }

    /** Puts a parked row back in line with a fresh count of attempts; false when no such row is parked. */
    public boolean resend(UUID eventId) {
        int changed = jdbc.update("""
                update outbox_event set parked_at = null, attempts = 0
                where event_id = ? and parked_at is not null""", eventId);
        if (changed == 1) {
            wakeUp();
        }
        return changed == 1;
    }

    /** Drops a parked row for good; false when no such row is parked. */
    public boolean discard(UUID eventId) {
        return jdbc.update("delete from outbox_event where event_id = ? and parked_at is not null", eventId) == 1;
    }

    private void loop() {
        Duration backOff = settings.pollInterval();
        while (running) {
            try {
                wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                drain();
                backOff = settings.pollInterval();
                if (outages != null) {
                    outages.recovered(OUTAGE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (outages != null) {
                    outages.waiting(OUTAGE, e);
                }
                log.warn("Outbox relay cannot reach Kafka or PostgreSQL, retrying in {}: {}", backOff, e.getMessage());
                sleepQuietly(backOff);
                backOff = backOff.multipliedBy(2).compareTo(settings.maxBackOff()) > 0 ? settings.maxBackOff()
                        : backOff.multipliedBy(2);
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
    }

    /**
     * Closes the producer when the application goes away. Not in {@link #stop()}: a stopped relay
     * may be started again (a paused test context, a lifecycle restart) and needs its producer.
     */
    public void close() {
        stop();
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

    /** A row Kafka refused {@code attempts} times, kept for an operator. */
    public record ParkedEvent(UUID eventId, String topic, String key, String type, long bytes, int attempts,
            String reason, Instant createdAt, Instant parkedAt) {
    }

    /** Kafka could not be reached; the rows stay and are sent when it is back. */
    public static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(Throwable cause) {
            super("Kafka did not acknowledge the outbox batch; its rows stay and are sent again: "
                    + cause.getMessage(), cause);
        }
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, String payload, int attempts,
            String traceParent) {
    }

    private record BatchResult(int read, int sent, int failed, @Nullable Throwable outage) {
        static final BatchResult NOTHING = new BatchResult(0, 0, 0, null);
    }
}
