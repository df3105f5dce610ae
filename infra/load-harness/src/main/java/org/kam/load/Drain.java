package org.kam.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the system has finished with what it was sent: every service's consumer group at lag 0 on
 * every KAM topic, and every service's outbox empty (nothing waiting to be published, so nothing
 * more to consume either).
 */
final class Drain implements AutoCloseable {

    static final List<String> DATABASES = List.of("kam_account", "kam_relationship", "kam_supply", "kam_insight");

    /**
     * Where the system stands: records not yet consumed (in all, on kam.sales.v1, per consumer
     * group), and outbox rows not yet published.
     */
    record Backlog(long lag, long lagOnSales, long outboxRows, Map<String, Long> lagByGroup) {
        boolean empty() {
            return lag == 0 && outboxRows == 0;
        }

        /** The consumer group furthest behind and its lag, as "group lag"; empty when none is behind. */
        String mostBehind() {
            return lagByGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).orElse("");
        }
    }

    private final Admin admin;
    private final Map<String, Connection> databases = new HashMap<>();

    Drain(Admin admin, String serverUrl, String user, String password) throws SQLException {
        this.admin = admin;
        for (String database : DATABASES) {
            databases.put(database, DriverManager.getConnection(serverUrl + database, user, password));
        }
    }

    Backlog backlog() throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> byGroup = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (group.groupId().startsWith("kam-load")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> mine = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null && partition.topic().startsWith("kam.") && !partition.topic().startsWith("kam.dlq.")) {
                    mine.put(partition, offset.offset());
                    committed.putIfAbsent(partition, 0L);
                }
            });
            byGroup.put(group.groupId(), mine);
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        long lagOnSales = 0;
        Map<String, Long> lagByGroup = new java.util.TreeMap<>();
        for (Map.Entry<String, Map<TopicPartition, Long>> group : byGroup.entrySet()) {
            for (Map.Entry<TopicPartition, Long> entry : group.getValue().entrySet()) {
                long behind = Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue());
                lag += behind;
                lagByGroup.merge(group.getKey(), behind, Long::sum);
                if (entry.getKey().topic().equals(LoadHarness.SALES_TOPIC)) {
                    lagOnSales += behind;
                }
            }
        }
        return new Backlog(lag, lagOnSales, outboxRows(), lagByGroup);
    }

    private long outboxRows() throws SQLException {
        long rows = 0;
        for (Connection connection : databases.values()) {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select count(*) from outbox_event where parked_at is null")) {
                result.next();
                rows += result.getLong(1);
            }
        }
        return rows;
    }

    /** The catalogue's SKUs (supply-service's products), for sales of products that exist. */
    List<String> catalogue() throws SQLException {
        List<String> skus = new java.util.ArrayList<>();
        try (Statement statement = databases.get("kam_supply").createStatement();
                ResultSet result = statement.executeQuery("select sku from product order by sku")) {
            while (result.next()) {
                skus.add(result.getString(1));
            }
        }
        return skus;
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : databases.values()) {
            connection.close();
        }
    }
}
