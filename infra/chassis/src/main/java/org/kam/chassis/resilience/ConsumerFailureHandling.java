package org.kam.chassis.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.kam.chassis.messaging.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * How every consumer binding of a KAM service treats a record it could not apply (ADR 7). The binder's
 * own retry (a few attempts, then the dead-letter topic, whatever the cause) is replaced by the
 * listener container's error handler, which asks {@link Failure} what went wrong:
 * <ul>
 * <li>{@link Failure#INVALID}: dead-lettered at once;</li>
 * <li>{@link Failure#OUTAGE}: tried again with capped exponential back-off for as long as it takes;
 * the container is paused between tries (it keeps polling, so it stays in its group), readiness is
 * DOWN meanwhile, and the record and everything behind it are applied in order once the dependency
 * is back;</li>
 * <li>{@link Failure#UNEXPECTED}: tried {@code maxAttempts} times, then dead-lettered.</li>
 * </ul>
 * Dead letters keep the original key and bytes, with {@code x-exception-message},
 * {@code x-original-topic}, {@code x-original-partition} and {@code x-original-offset} headers.
 */
public class ConsumerFailureHandling implements ListenerContainerWithDlqAndRetryCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ConsumerFailureHandling.class);

    private final KafkaOperations<byte[], byte[]> deadLetters;
    private final TaskScheduler scheduler;
    private final Outages outages;
    private final MeterRegistry meters;
    private final Settings settings;
    private final DatabaseCheck database;

    /**
     * @param initialBackOff first wait after an outage failure, doubled each time up to {@code maxBackOff}
     * @param maxAttempts    tries of a record that fails for an unexpected reason before it is dead-lettered
     */
    public record Settings(Duration initialBackOff, Duration maxBackOff, int maxAttempts) {
    }

    public ConsumerFailureHandling(KafkaOperations<byte[], byte[]> deadLetters, TaskScheduler scheduler,
            Outages outages, MeterRegistry meters, Settings settings, DatabaseCheck database) {
        this.database = database;
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
        this.outages = outages;
        this.meters = meters;
        this.settings = settings;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff) {
        String binding = destinationName + " (" + group + ")";
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetterer(dlqDestinationResolver, binding),
                // The default must allow retries: with a default that stops at once, the handler never
                // asks the function below and dead-letters everything on the first failure.
                backOffFor(null), new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, scheduler)));
        handler.setBackOffFunction((record, error) -> backOffFor(error));
        // An outage that turns into another kind of failure starts a new count, and back.
        handler.setResetStateOnExceptionChange(true);
        // A dead letter refused (the database turned out to be down, or the broker is) starts the
        // record's tries afresh, with the back-off its next failure calls for.
        handler.setResetStateOnRecoveryFailure(true);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception error, int attempt) {
                Failure failure = Failure.of(error);
                meters.counter("kam.consumer.failures", "binding", destinationName, "failure", failure.name()).increment();
                if (failure == Failure.UNEXPECTED) {
                    log.warn("{} failed for an unexpected reason (attempt {}), offset {} of {}-{}: {}", binding,
                            attempt, record.offset(), record.topic(), record.partition(), chainOf(error));
                }
                if (failure == Failure.OUTAGE) {
                    outages.waiting("consumer " + binding, error);
                    if (attempt == 1 || attempt % 10 == 0) {
                        log.warn("{} waits for a dependency (attempt {}), offset {} of {}-{} will be tried again: {}",
                                binding, attempt, record.offset(), record.topic(), record.partition(),
                                Outages.rootMessage(error));
                    }
                }
            }
        });
        ((AbstractMessageListenerContainer) container).setCommonErrorHandler(handler);
        ((AbstractMessageListenerContainer) container).setRecordInterceptor(new RecordInterceptor<Object, Object>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                    Consumer<Object, Object> consumer) {
                return record;
            }

            @Override
            public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                outages.recovered("consumer " + binding);
            }
        });
        // Batch consumers (every KAM binding, org.kam.chassis.messaging.Batches): the same, per batch.
        ((AbstractMessageListenerContainer) container).setBatchInterceptor(new BatchInterceptor<Object, Object>() {
            @Override
            public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                    Consumer<Object, Object> consumer) {
                return records;
            }

            @Override
            public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
                outages.recovered("consumer " + binding);
            }
        });
    }

    BackOff backOffFor(@Nullable Exception error) {
        return switch (error == null ? Failure.UNEXPECTED : Failure.of(error)) {
            case INVALID -> new FixedBackOff(0, 0);
            case OUTAGE -> {
                ExponentialBackOff wait = new ExponentialBackOff(settings.initialBackOff().toMillis(), 2.0);
                wait.setMaxInterval(settings.maxBackOff().toMillis());
                yield wait; // no maximum elapsed time: an outage is waited out
            }
            case UNEXPECTED -> {
                ExponentialBackOff wait = new ExponentialBackOff(settings.initialBackOff().toMillis(), 2.0);
                wait.setMaxInterval(settings.maxBackOff().toMillis());
                wait.setMaxAttempts(Math.max(0, settings.maxAttempts() - 1));
                yield wait;
            }
        };
    }

    private DeadLetterPublishingRecoverer deadLetterer(
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination, String binding) {
        if (destination == null) {
            throw new IllegalStateException(binding + " has no dead-letter topic: set enable-dlq on the binding");
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters, (record, error) -> {
            Failure failure = Failure.of(error);
            // The back-off is chosen at a record's first failure and kept while the exception's class
            // stays the same (the binder wraps every one alike): a record whose first failure looked
            // unexpected and whose later ones are an outage reaches here. An outage is never
            // dead-lettered, and neither is anything that failed while the database does not answer:
            // refused here, the record starts its tries afresh with the back-off its failure calls for.
            if (failure == Failure.OUTAGE || (failure == Failure.UNEXPECTED && !database.reachable())) {
                outages.waiting("consumer " + binding, error);
                throw new NotDeadLetteredException(error);
            }
            log.warn("{} dead-letters offset {} of {}-{} ({}): {}", binding, record.offset(), record.topic(),
                    record.partition(), Failure.of(error), chainOf(error));
            meters.counter("kam.consumer.dead.lettered", "binding", record.topic(), "failure",
                    Failure.of(error).name()).increment();
            return destination.apply(record, error);
        });
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.values());
        recoverer.setHeadersFunction((record, error) -> {
            Headers headers = new RecordHeaders();
            headers.add("x-exception-message", utf8(reason(error)));
            headers.add("x-exception-kind", utf8(Failure.of(error).name()));
            headers.add("x-original-topic", utf8(record.topic()));
            headers.add("x-original-partition", utf8(Integer.toString(record.partition())));
            headers.add("x-original-offset", utf8(Long.toString(record.offset())));
            return headers;
        });
        return recoverer;
    }

    private static String chainOf(@Nullable Throwable error) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = error; t != null && chain.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.length() == 0 ? "" : " <- ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        return chain.toString();
    }

    /** Whether the service's database answers now. */
    @FunctionalInterface
    public interface DatabaseCheck {
        boolean reachable();
    }

    /** Raised instead of dead-lettering: the record failed on an outage and is tried again. */
    static final class NotDeadLetteredException extends org.springframework.dao.DataAccessResourceFailureException {
        NotDeadLetteredException(@Nullable Throwable cause) {
            super("a dependency is unavailable; the record is not dead-lettered but tried again", cause);
        }
    }

    /** "field: problem" for an invalid record; the innermost cause's class and message otherwise. */
    static String reason(@Nullable Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.getMessage();
            }
        }
        return error == null ? "unknown" : Outages.rootMessage(error);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
