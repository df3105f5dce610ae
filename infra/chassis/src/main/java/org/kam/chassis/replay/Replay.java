package org.kam.chassis.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.web.ConflictException;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * Rewinds this service's consumer group to a point in time, so its input topics are read again from
 * there: after a database restored from last night's backup, everything since is applied again; on an
 * empty database (replay from the beginning), every read model is rebuilt. The inbox decides what is
 * applied: an event whose id the database already holds is skipped, so a replay never doubles anything.
 * <p>
 * Kafka moves a group's offsets only while the group has no members, so the service stops its input
 * bindings, waits for the group to empty, moves the offsets and starts them again. Another instance
 * still consuming keeps the group busy: the replay is refused and nothing moves (scale to one first).
 */
public class Replay {

    private static final Duration EMPTY_GROUP_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final BindingsLifecycleController bindings;
    private final BindingServiceProperties properties;

    public Replay(Admin admin, BindingsLifecycleController bindings, BindingServiceProperties properties) {
        this.admin = admin;
        this.bindings = bindings;
        this.properties = properties;
    }

    /** A partition's committed offset before the replay and the one it reads from now. */
    public record Rewound(String topic, int partition, Long before, long after) {
    }

    public record Result(String group, Instant from, List<Rewound> partitions) {
    }

    /** The input bindings: binding name to topic and group. */
    private Map<String, BindingProperties> inputs() {
        Map<String, BindingProperties> inputs = new LinkedHashMap<>();
        for (String name : properties.getBindings().keySet()) {
            BindingProperties binding = properties.getBindingProperties(name);
            if (name.contains("-in-") && binding.getDestination() != null && binding.getGroup() != null) {
                inputs.put(name, binding);
            }
        }
        return inputs;
    }

    /** Every topic this service consumes. */
    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        inputs().values().forEach(binding -> topics.addAll(List.of(binding.getDestination().split("\\s*,\\s*"))));
        return topics;
    }

    /**
     * Rewinds {@code topics} (all this service consumes when empty) to the first record at or after
     * {@code from}; partitions with nothing that late move to their end.
     */
    public synchronized Result rewind(Instant from, Set<String> topics) {
        if (from.isAfter(Instant.now())) {
            throw new InvalidEventException("from", "must not be in the future, was " + from);
        }
        Set<String> known = topics();
        Set<String> chosen = topics.isEmpty() ? known : topics;
        for (String topic : chosen) {
            if (!known.contains(topic)) {
                throw new InvalidEventException("topics", "this service does not consume " + topic + " (it consumes " + known + ")");
            }
        }
        Set<String> groups = new LinkedHashSet<>();
        inputs().values().forEach(binding -> groups.add(binding.getGroup()));
        if (groups.size() != 1) {
            throw new ConflictException("input bindings use several consumer groups " + groups + "; rewind them one by one");
        }
        String group = groups.iterator().next();
        List<String> names = List.copyOf(inputs().keySet());
        names.forEach(bindings::stop);
        try {
            awaitEmpty(group);
            return new Result(group, from, move(group, from, chosen));
        } finally {
            names.forEach(bindings::start);
        }
    }

    private void awaitEmpty(String group) {
        long deadline = System.nanoTime() + EMPTY_GROUP_TIMEOUT.toNanos();
        while (true) {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
            if (description.members().isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ConflictException("consumer group " + group + " still has " + description.members().size()
                        + " member(s) after this instance stopped consuming: another instance is running. Scale the"
                        + " service to one instance (or stop the others), then replay.");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private List<Rewound> move(String group, Instant from, Set<String> topics) {
        Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
        Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames()).forEach((topic, description) -> description.partitions()
                .forEach(p -> {
                    TopicPartition partition = new TopicPartition(topic, p.partition());
                    atTime.put(partition, OffsetSpec.forTimestamp(from.toEpochMilli()));
                    atEnd.put(partition, OffsetSpec.latest());
                }));
        Map<TopicPartition, ListOffsetsResultInfo> found = get(admin.listOffsets(atTime).all());
        Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(atEnd).all());
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
        List<Rewound> rewound = new ArrayList<>();
        for (TopicPartition partition : atTime.keySet()) {
            long offset = found.get(partition).offset();
            // -1: no record at or after that time in this partition; it is read from its end.
            long to = offset < 0 ? ends.get(partition).offset() : offset;
            target.put(partition, new OffsetAndMetadata(to, "replay from " + from));
            OffsetAndMetadata before = committed.get(partition);
            rewound.add(new Rewound(partition.topic(), partition.partition(), before == null ? null : before.offset(), to));
        }
        get(admin.alterConsumerGroupOffsets(group, target).all());
        rewound.sort(Comparator.comparing(Rewound::topic).thenComparing(Rewound::partition));
        return rewound;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
