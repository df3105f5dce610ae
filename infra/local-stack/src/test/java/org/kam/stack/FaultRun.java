package org.kam.stack;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.kam.testsupport.KafkaProbe;

/**
 * Runs a {@link FaultPlan} against a started stack: produces the sales from a plain Kafka producer at a
 * steady rate while it kills services and restarts PostgreSQL or the broker, waits until every
 * consumer group has caught up and every outbox is empty, then checks the books against the sales
 * that Kafka acknowledged: counted once in account revenue, supply demand and insight facts, applied
 * in order per account, tiers equal to a from-scratch computation, no duplicate notification,
 * nothing of the run dead-lettered.
 */
final class FaultRun {

    private static final String SALES = "kam.sales.v1";
    private static final Map<String, List<String>> GROUP_TOPICS = Map.of(
            "account-service", List.of(SALES),
            "supply-service", List.of(SALES, "kam.account-tiers.v1"),
            "insight-service", List.of(SALES, "kam.account-tiers.v1", "kam.reservations.v1", "kam.supply-signals.v1"),
            "relationship-service", List.of("kam.account-tiers.v1"));

    private final Stack stack;
    private final FaultPlan plan;
    private final PrintStream progress;

    /** The whole system on free ports and a fresh data folder under target/, as `./kam up` runs it. */
    static Stack.Builder wholeStack(String folder) throws java.io.IOException {
        java.nio.file.Path dataDir = java.nio.file.Path.of("target", folder).toAbsolutePath();
        DatabaseAndBrokerSurviveARestartIT.deleteRecursively(dataDir);
        FreePorts ports = new FreePorts();
        Stack.Builder builder = Stack.builder(RepoRoot.find()).dataDir(dataDir).kafkaPort(ports.nextPair())
                .postgresPort(ports.next()).signInPort(ports.next());
        for (Service service : Service.values()) {
            builder.service(service, ports.next());
        }
        return builder;
    }

    FaultRun(Stack stack, FaultPlan plan, PrintStream progress) {
        this.stack = stack;
        this.plan = plan;
        this.progress = progress;
    }

    /** One sale of the run: its number gives the order in which its account bought. */
    record Sale(UUID eventId, int number, String accountId, String sku, int quantity, BigDecimal amount,
            Instant occurredAt) {
        String json() {
            return """
                    {"eventId":"%s","accountId":"%s","orderId":"FI-%06d","sku":"%s","quantity":%d,"amount":%s,\
                    "currency":"EUR","occurredAt":"%s"}""".formatted(eventId, accountId, number, sku, quantity,
                    amount.toPlainString(), occurredAt);
        }
    }

    record InjectedFault(String what, Duration plannedAt, Duration startedAt, Duration endedAt) {
    }

    FaultReport run() throws Exception {
        List<String> supervision = new CopyOnWriteArrayList<>();
        stack.supervise(message -> {
            supervision.add(message);
            progress.println("  stack: " + message);
        });
        List<Sale> sales = generate();
        Map<UUID, Sale> acknowledged = new ConcurrentHashMap<>();
        List<InjectedFault> injected = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        Thread faults = new Thread(() -> inject(start, injected), "fault-injector");
        faults.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            long interval = plan.produceOver().toNanos() / plan.sales();
            for (int i = 0; i < sales.size(); i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                Sale sale = sales.get(i);
                producer.send(new ProducerRecord<>(SALES, sale.accountId(), sale.json()), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.put(sale.eventId(), sale);
                    }
                });
            }
            producer.flush();
        }
        faults.join();
        Duration lastFaultEnded = injected.stream().map(InjectedFault::endedAt).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        progress.printf("  %d sales sent, %d acknowledged by Kafka; %d faults injected; waiting to catch up%n",
                sales.size(), acknowledged.size(), injected.size());
        Duration caughtUp = awaitCaughtUp(start, Duration.ofMinutes(10));
        Duration recovery = caughtUp.minus(lastFaultEnded).isNegative() ? Duration.ZERO : caughtUp.minus(lastFaultEnded);
        return check(sales, acknowledged.values(), injected, supervision, caughtUp, recovery);
    }

    private List<Sale> generate() {
        Random random = new Random(plan.seed());
        // A few large accounts and a long tail (Zipf-like weights), SKUs from a small catalogue,
        // dated over the last 60 days in sending order, so each account's sales are in time order.
        double[] weights = new double[plan.accounts()];
        double total = 0;
        for (int a = 0; a < weights.length; a++) {
            weights[a] = 1.0 / Math.pow(a + 1, 1.1);
            total += weights[a];
        }
        Instant first = Instant.now().minus(Duration.ofDays(60));
        long step = Duration.ofDays(59).toMillis() / plan.sales();
        List<Sale> sales = new ArrayList<>(plan.sales());
        for (int i = 0; i < plan.sales(); i++) {
            double pick = random.nextDouble() * total;
            int account = 0;
            while (account < weights.length - 1 && (pick -= weights[account]) > 0) {
                account++;
            }
            int quantity = 1 + random.nextInt(20);
            BigDecimal amount = BigDecimal.valueOf(quantity * (500 + random.nextInt(50_000)), 2);
            sales.add(new Sale(new UUID(plan.seed(), i), i, "FI-%04d".formatted(account),
                    "FI-SKU-" + random.nextInt(30), quantity, amount, first.plusMillis(i * step)));
        }
        return sales;
    }

    private void inject(long start, List<InjectedFault> injected) {
        Map<Service, Long> killed = new HashMap<>();
        for (FaultPlan.Fault fault : plan.faults()) {
            if (fault instanceof FaultPlan.KillService kill && killed.containsKey(kill.service())) {
                // A second kill must hit the restarted process, not the one that is already dead.
                awaitRestarted(kill.service(), killed.get(kill.service()));
            }
            LockSupport.parkNanos(start + fault.at().toNanos() - System.nanoTime());
            Duration began = Duration.ofNanos(System.nanoTime() - start);
            progress.printf("  at %5.1f s: %s%n", began.toMillis() / 1000.0, fault.describe());
            try {
                if (fault instanceof FaultPlan.KillService kill) {
                    long pid = stack.pid(kill.service());
                    killed.put(kill.service(), pid);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                } else if (fault instanceof FaultPlan.RestartPostgres restart) {
                    stack.restartPostgres(restart.down());
                } else if (fault instanceof FaultPlan.RestartKafka restart) {
                    stack.restartKafka(restart.down());
                }
            } catch (RuntimeException e) {
                progress.println("  fault " + fault.describe() + " could not be injected: " + e.getMessage());
            }
            injected.add(new InjectedFault(fault.describe(), fault.at(), began, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private void awaitRestarted(Service service, long deadPid) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            long pid = stack.pid(service);
            if (pid != deadPid && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A producer, like an ERP connector, that rides out a broker restart rather than dropping sales.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    /** Waits until every group has consumed every record of its topics and every outbox is empty, twice in a row. */
    private Duration awaitCaughtUp(long start, Duration timeout) {
        int[] quiet = { 0 };
        String[] last = { "" };
        org.awaitility.Awaitility.await("every group at lag 0 and every outbox empty")
                .atMost(timeout).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> {
                    String behind = behind();
                    if (!behind.isEmpty() && !behind.equals(last[0])) {
                        progress.println("  behind: " + behind);
                        last[0] = behind;
                    }
                    quiet[0] = behind.isEmpty() ? quiet[0] + 1 : 0;
                    return quiet[0] >= 2;
                });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String behind() throws Exception {
        StringBuilder behind = new StringBuilder();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers(),
                "request.timeout.ms", 5000, "default.api.timeout.ms", 5000))) {
            Set<String> topics = new java.util.HashSet<>();
            GROUP_TOPICS.values().forEach(topics::addAll);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            for (Map.Entry<String, List<String>> group : new TreeMap<>(GROUP_TOPICS).entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    if (group.getValue().contains(end.getKey().topic()) && end.getValue() > 0) {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        lag += end.getValue() - (offset == null ? 0 : offset.offset());
                    }
                }
                if (lag > 0) {
                    behind.append(group.getKey()).append(" lag ").append(lag).append("; ");
                }
            }
        }
        for (Service service : Service.values()) {
            long pending = single(service.database, "select count(*) from outbox_event");
            if (pending > 0) {
                behind.append(service.module).append(" outbox ").append(pending).append("; ");
            }
        }
        return behind.toString();
    }

    private FaultReport check(List<Sale> sent, Collection<Sale> acknowledged, List<InjectedFault> faults,
            List<String> supervision, Duration caughtUp, Duration recovery) throws Exception {
        Map<String, List<Sale>> expected = new TreeMap<>();
        acknowledged.stream().sorted(Comparator.comparingInt(Sale::number))
                .forEach(sale -> expected.computeIfAbsent(sale.accountId(), a -> new ArrayList<>()).add(sale));
        Set<UUID> expectedIds = new java.util.HashSet<>();
        acknowledged.forEach(sale -> expectedIds.add(sale.eventId()));

        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> lost = new LinkedHashMap<>();
        Map<String, Long> duplicated = new LinkedHashMap<>();
        Map<String, Long> outOfOrder = new LinkedHashMap<>();
        // account-service: each sale once, and in each account's order (received_at)
        List<UUID> accountSales = ids("kam_account", "select event_id from sale where order_id like 'FI-%'");
        record(counts, lost, duplicated, "account revenue", accountSales, expectedIds);
        outOfOrder.put("account revenue", outOfOrder("kam_account",
                "select account_id, event_id from sale where order_id like 'FI-%' order by account_id, received_at"));
        List<UUID> supplyLines = ids("kam_supply", "select event_id from sale_line where account_id like 'FI-%'");
        record(counts, lost, duplicated, "supply demand", supplyLines, expectedIds);
        outOfOrder.put("supply demand", 0L);
        List<UUID> insightFacts = ids("kam_insight", "select event_id from sale_fact where account_id like 'FI-%'");
        record(counts, lost, duplicated, "insight facts", insightFacts, expectedIds);
        outOfOrder.put("insight facts", outOfOrder("kam_insight",
                "select account_id, event_id from sale_fact where account_id like 'FI-%' order by account_id, collected_at"));

        Map<String, BigDecimal> revenueMismatch = new TreeMap<>();
        try (Connection db = connect("kam_account"); Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select account_id, sum(amount) from sale where order_id like 'FI-%' group by account_id")) {
            while (rs.next()) {
                BigDecimal want = expected.getOrDefault(rs.getString(1), List.of()).stream().map(Sale::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                if (want.compareTo(rs.getBigDecimal(2)) != 0) {
                    revenueMismatch.put(rs.getString(1), rs.getBigDecimal(2).subtract(want));
                }
            }
        }
        Map<String, String> oracle = FromScratchTiers.of(expected);
        Map<String, String> tiers = new TreeMap<>();
        try (Connection db = connect("kam_account"); Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select id, tier from account where id like 'FI-%'")) {
            while (rs.next()) {
                tiers.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> tierMismatches = new ArrayList<>();
        oracle.forEach((account, tier) -> {
            if (!tier.equals(tiers.get(account))) {
                tierMismatches.add(account + ": " + tiers.get(account) + " instead of " + tier);
            }
        });
        long duplicateNotifications = single("kam_insight", """
                select count(*) from (select source_event_id, department, kind from notification
                group by 1, 2, 3 having count(*) > 1) d""");
        long duplicateProtections = single("kam_supply", """
                select count(*) from (select account_id, sku from reservation group by 1, 2 having count(*) > 1) d""");
        long deadLettered = 0;
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrapServers())) {
            for (Service service : Service.values()) {
                deadLettered += probe.records("kam.dlq." + service.module + ".v1").stream()
                        .filter(r -> r.key() != null && r.key().startsWith("FI-")).count();
            }
        }
        return new FaultReport(plan, sent.size(), acknowledged.size(), faults, supervision, counts, lost, duplicated,
                outOfOrder, revenueMismatch, tierMismatches, oracle.size(), duplicateNotifications, duplicateProtections,
                deadLettered, caughtUp, recovery);
    }

    private static void record(Map<String, Long> counts, Map<String, Long> lost, Map<String, Long> duplicated,
            String where, List<UUID> found, Set<UUID> expected) {
        Set<UUID> distinct = new java.util.HashSet<>(found);
        counts.put(where, (long) found.size());
        lost.put(where, expected.stream().filter(id -> !distinct.contains(id)).count());
        duplicated.put(where, (long) (found.size() - distinct.size()) + distinct.stream().filter(id -> !expected.contains(id)).count());
    }

    /**
     * Rows (account, event id) in the order they were applied: how often an account's sale was applied
     * after a later one of the same account. A sale's number is the low half of its event id.
     */
    private long outOfOrder(String database, String query) throws SQLException {
        long disorder = 0;
        try (Connection db = connect(database); Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            String account = null;
            long previous = -1;
            while (rs.next()) {
                if (!rs.getString(1).equals(account)) {
                    account = rs.getString(1);
                    previous = -1;
                }
                long number = rs.getObject(2, UUID.class).getLeastSignificantBits();
                if (number < previous) {
                    disorder++;
                }
                previous = Math.max(previous, number);
            }
        }
        return disorder;
    }

    private List<UUID> ids(String database, String query) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = connect(database); Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private long single(String database, String query) {
        try (Connection db = connect(database); Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.databaseUser(), "postgres");
    }
}
