package org.kam.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's tools, as {@code ./kam} sub-commands against a running local stack (docs/operations/runbook.md
 * gives the same steps with Kafka's and PostgreSQL's own tools elsewhere):
 * <pre>
 * kam lag                                   consumer lag per group and topic
 * kam dlq list [SERVICE]                    dead letters: where from, why, when
 * kam dlq show SERVICE OFFSET               one dead letter, headers and value
 * kam dlq redrive SERVICE OFFSET|--all      send dead letters back to the topic they came from
 * kam outbox parked [SERVICE]               outbox rows Kafka refused, waiting for an operator
 * kam outbox resend|drop SERVICE EVENT_ID   send a parked row again, or discard it
 * kam replay SERVICE --from TIME [--topic TOPIC]...   read the service's input topics again from TIME
 * </pre>
 */
final class OperationsCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String REDRIVEN_FROM = "kam-redriven-from";

    private final String kafka;
    private final Map<Service, URI> services;
    private final String adminToken;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OperationsCommand(String kafka, Map<Service, URI> services, String adminToken, PrintStream out) {
        this.kafka = kafka;
        this.services = services;
        this.adminToken = adminToken;
        this.out = out;
    }

    int run(String command, List<String> args) {
        return switch (command) {
            case "lag" -> lag();
            case "dlq" -> dlq(args);
            case "outbox" -> outbox(args);
            case "replay" -> replay(args);
            default -> throw new StackException("Unknown operation " + command);
        };
    }

    // --- lag --------------------------------------------------------------------------------------

    /** One line per group and topic: committed, end, lag (records not read yet) and the group's members. */
    int lag() {
        try (Admin admin = admin()) {
            List<String> groups = get(admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups())
                    .all()).stream().map(org.apache.kafka.clients.admin.GroupListing::groupId)
                    .filter(group -> !group.startsWith("kam-ops-")).sorted().toList();
            out.printf("%-24s %-30s %10s %10s %8s %8s%n", "GROUP", "TOPIC", "COMMITTED", "END", "LAG", "MEMBERS");
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata());
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = get(admin.listOffsets(latest).all());
                int members = get(admin.describeConsumerGroups(List.of(group)).all()).get(group).members().size();
                Map<String, long[]> perTopic = new TreeMap<>();
                committed.forEach((partition, offset) -> {
                    long[] sums = perTopic.computeIfAbsent(partition.topic(), t -> new long[2]);
                    sums[0] += offset == null ? 0 : offset.offset();
                    sums[1] += ends.get(partition).offset();
                });
                perTopic.forEach((topic, sums) -> out.printf("%-24s %-30s %10d %10d %8d %8d%n", group, topic, sums[0],
                        sums[1], Math.max(0, sums[1] - sums[0]), members));
            }
        }
        return 0;
    }

    // --- dead letters -----------------------------------------------------------------------------

    record DeadLetter(long offset, Instant at, String key, byte[] value, Map<String, String> headers) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    private int dlq(List<String> args) {
        if (args.isEmpty()) {
            throw new StackException("kam dlq list [SERVICE] | show SERVICE OFFSET | redrive SERVICE OFFSET|--all");
        }
        switch (args.get(0)) {
            case "list" -> {
                for (Service service : args.size() > 1 ? List.of(service(args.get(1))) : List.copyOf(services.keySet())) {
                    List<DeadLetter> letters = deadLetters(service);
                    out.printf("%s: %d dead letter(s) on %s%n", service.module, letters.size(), dlqTopic(service));
                    for (DeadLetter letter : letters) {
                        out.printf("  %6d  %s  from %s-%s@%s  key %s  %s: %s%s%n", letter.offset(), letter.at(),
                                letter.header("x-original-topic"), letter.header("x-original-partition"),
                                letter.header("x-original-offset"), letter.key(), letter.header("x-exception-kind"),
                                abbreviate(letter.header("x-exception-message"), 160),
                                letter.headers().containsKey(REDRIVEN_FROM) ? "  (a re-driven record)" : "");
                    }
                }
                return 0;
            }
            case "show" -> {
                requireArgs(args, 3, "kam dlq show SERVICE OFFSET");
                DeadLetter letter = deadLetter(service(args.get(1)), offset(args.get(2)));
                out.printf("offset %d, written %s, key %s%n", letter.offset(), letter.at(), letter.key());
                letter.headers().forEach((name, value) -> out.printf("  %s: %s%n", name, value));
                out.println(new String(letter.value() == null ? new byte[0] : letter.value(), StandardCharsets.UTF_8));
                return 0;
            }
            case "redrive" -> {
                requireArgs(args, 3, "kam dlq redrive SERVICE OFFSET|--all");
                Service service = service(args.get(1));
                List<DeadLetter> letters = args.get(2).equals("--all") ? deadLetters(service)
                        : List.of(deadLetter(service, offset(args.get(2))));
                redrive(service, letters);
                return 0;
            }
            default -> throw new StackException("kam dlq knows list, show and redrive, not " + args.get(0));
        }
    }

    /**
     * Sends each dead letter to the topic it came from, with its key, value and the original headers
     * (the dead-letter ones dropped, {@value #REDRIVEN_FROM} added). The consumers are idempotent on
     * event id, so a record that was applied after all is skipped; one still invalid is dead-lettered again.
     */
    private void redrive(Service service, List<DeadLetter> letters) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (DeadLetter letter : letters) {
                String topic = letter.header("x-original-topic");
                if (topic.isEmpty()) {
                    out.printf("  %d: no x-original-topic header; left where it is%n", letter.offset());
                    continue;
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                        letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8), letter.value());
                letter.headers().forEach((name, value) -> {
                    if (!name.startsWith("x-") && !name.equals(REDRIVEN_FROM)) {
                        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
                    }
                });
                record.headers().add(REDRIVEN_FROM, (dlqTopic(service) + "@" + letter.offset()).getBytes(StandardCharsets.UTF_8));
                var sent = get(producer.send(record));
                out.printf("  %d -> %s-%d@%d%n", letter.offset(), sent.topic(), sent.partition(), sent.offset());
            }
        }
        out.printf("%d record(s) sent back; follow them with ./kam dlq list %s and ./kam lag%n", letters.size(), service.module);
    }

    List<DeadLetter> deadLetters(Service service) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            String topic = dlqTopic(service);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return letters;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    letters.add(new DeadLetter(record.offset(), Instant.ofEpochMilli(record.timestamp()),
                            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.value(), headers));
                }
            }
        }
        return letters;
    }

    private DeadLetter deadLetter(Service service, long offset) {
        return deadLetters(service).stream().filter(letter -> letter.offset() == offset).findFirst()
                .orElseThrow(() -> new StackException("No dead letter at offset " + offset + " of " + dlqTopic(service)));
    }

    static String dlqTopic(Service service) {
        return "kam.dlq." + service.module + ".v1";
    }

    // --- parked outbox rows -----------------------------------------------------------------------

    private int outbox(List<String> args) {
        if (args.isEmpty()) {
            throw new StackException("kam outbox parked [SERVICE] | resend SERVICE EVENT_ID | drop SERVICE EVENT_ID");
        }
        switch (args.get(0)) {
            case "parked" -> {
                for (Service service : args.size() > 1 ? List.of(service(args.get(1))) : List.copyOf(services.keySet())) {
                    JsonNode parked = JSON.readTree(call(service, "GET", "/api/v1/operations/outbox/parked", null, 200));
                    out.printf("%s: %d parked%n", service.module, parked.size());
                    for (JsonNode row : parked) {
                        out.printf("  %s  %s on %s  %d bytes, %d attempt(s), parked %s  %s%n", row.path("eventId").asString(),
                                row.path("type").asString(), row.path("topic").asString(), row.path("bytes").asLong(),
                                row.path("attempts").asInt(), row.path("parkedAt").asString(),
                                abbreviate(row.path("reason").asString(), 160));
                    }
                }
                return 0;
            }
            case "resend" -> {
                requireArgs(args, 3, "kam outbox resend SERVICE EVENT_ID");
                call(service(args.get(1)), "POST", "/api/v1/operations/outbox/parked/" + args.get(2) + "/resend", null, 202);
                out.println("Back in line: " + args.get(2));
                return 0;
            }
            case "drop" -> {
                requireArgs(args, 3, "kam outbox drop SERVICE EVENT_ID");
                call(service(args.get(1)), "DELETE", "/api/v1/operations/outbox/parked/" + args.get(2), null, 204);
                out.println("Dropped: " + args.get(2));
                return 0;
            }
            default -> throw new StackException("kam outbox knows parked, resend and drop, not " + args.get(0));
        }
    }

    // --- replay -----------------------------------------------------------------------------------

    private int replay(List<String> args) {
        if (args.size() < 3 || !args.get(1).equals("--from")) {
            throw new StackException("kam replay SERVICE --from TIME [--topic TOPIC]...  (TIME as 2026-12-01T00:00:00Z)");
        }
        Service service = service(args.get(0));
        Instant from;
        try {
            from = Instant.parse(args.get(2));
        } catch (DateTimeParseException e) {
            throw new StackException("--from must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, not " + args.get(2));
        }
        List<String> topics = new ArrayList<>();
        for (int i = 3; i < args.size(); i += 2) {
            if (!args.get(i).equals("--topic") || i + 1 >= args.size()) {
                throw new StackException("kam replay takes --topic TOPIC after --from, not " + args.get(i));
            }
            topics.add(args.get(i + 1));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("topics", Set.copyOf(topics));
        JsonNode result = JSON.readTree(call(service, "POST", "/api/v1/operations/replay", JSON.writeValueAsString(body), 200));
        out.printf("%s (group %s) reads again from %s:%n", service.module, result.path("group").asString(), from);
        for (JsonNode partition : result.path("partitions")) {
            out.printf("  %s-%d: %s -> %d%n", partition.path("topic").asString(), partition.path("partition").asInt(),
                    partition.path("before").isNull() ? "none" : partition.path("before").asString(),
                    partition.path("after").asLong());
        }
        out.println("Events whose ids the service already holds are skipped; follow the catch-up with ./kam lag");
        return 0;
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private String call(Service service, String method, String path, String json, int expected) {
        URI base = services.get(service);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + adminToken);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new StackException("%s %s answered %d: %s".formatted(method, base.resolve(path), response.statusCode(),
                        response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("Cannot reach " + service.module + " at " + base + " (is ./kam up running?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    private Service service(String name) {
        return services.keySet().stream().filter(s -> s.module.equals(name) || s.module.equals(name + "-service"))
                .findFirst().orElseThrow(() -> new StackException("Unknown service " + name
                        + " (known: account-service, relationship-service, supply-service, insight-service)"));
    }

    private static long offset(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new StackException("An offset is a number, not " + text);
        }
    }

    private static void requireArgs(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw new StackException("Usage: " + usage);
        }
    }

    private static String abbreviate(String text, int max) {
        String line = text.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static <T> T get(java.util.concurrent.Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StackException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StackException("Kafka did not answer within 30 s (is ./kam up running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }
}
