package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.supply.allocation.Orders;
import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.SaleLine;
import org.kam.supply.reservation.Tier;
import org.kam.supply.reservation.TierChange;
import org.kam.testsupport.KafkaProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A consumer's transaction places hundreds of sales: each SKU's stock and protections are loaded
 * once, decided on in memory and written at the commit (issue 12). That must end exactly where
 * the same sales end one transaction each, reading and writing the database every time: the same
 * orders, stock per warehouse, protections, and the same events in the same order.
 */
@TestPropertySource(properties = { "kam.test.context=sizing-driven-by-the-test",
        "kam.supply.protection.sizing-interval=1h" })
class SalesDecidedInMemoryIT extends SupplyIntegrationTest {

    private static final List<String> ACCOUNTS = List.of("IM-K1", "IM-K2", "IM-P", "IM-R1", "IM-R2");
    private static final int SALES = 150;

    @Autowired
    Orders orders;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Protections protections;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void salesPlacedInOneTransactionEndWhereTheSameSalesOnePerTransactionEnd() {
        // given two copies of two SKUs, 40 units in MAIN and 25 in SOUTH each, and two key accounts
        // with agreed levels on every one of them
        catalogue.saveWarehouse("IM-SOUTH", "South", "EU");
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            Tier tier = i < 2 ? Tier.KEY : i == 2 ? Tier.POTENTIAL : Tier.REGULAR;
            protections.changeTier(new TierChange(UUID.randomUUID(), ACCOUNTS.get(i), tier, Instant.now()));
        }
        for (String copy : List.of("ONE", "ALL")) {
            for (String sku : List.of("A", "B")) {
                catalogue.save(sku(copy, sku), sku, "test", false, 40);
                catalogue.setStock(sku(copy, sku), "IM-SOUTH", 25);
                protections.agree("IM-K1", sku(copy, sku), 20, "test", "test");
                protections.agree("IM-K2", sku(copy, sku), 15, "test", "test");
            }
        }

        // when 150 sales of 1 to 6 units (far more than the stock) are placed, one transaction each
        // for the first copy and all in one transaction for the second
        Random random = new Random(12);
        Instant start = Instant.now().plusSeconds(1);
        List<SaleLine> sales = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            sales.add(new SaleLine(UUID.randomUUID(), ACCOUNTS.get(random.nextInt(ACCOUNTS.size())), random.nextBoolean() ? "A" : "B",
                    1 + random.nextInt(6), start.plusMillis(i)));
        }
        sales.forEach(sale -> orders.place(in("ONE", sale)));
        Long locksAhead = transactions.execute(tx -> {
            // as the consumer does: every account's and SKU's lock first, in one order
            List<SaleLine> batch = sales.stream().map(sale -> in("ALL", sale)).toList();
            orders.lockAhead(batch);
            Long held = jdbc.queryForObject("""
                    select count(*) from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()""",
                    Long.class);
            batch.forEach(orders::place);
            return held;
        });

        // then the batch's five accounts and two SKUs were locked before its first sale
        assertThat(locksAhead).isEqualTo(ACCOUNTS.size() + 2);
        // and both copies hold the same orders, stock and protections
        assertThat(state("ALL")).isEqualTo(state("ONE"));
        assertThat(state("ONE")).as("stock ran out: orders waited, key accounts' protections were drawn on")
                .anyMatch(line -> line.startsWith("order") && !line.endsWith("owed 0"))
                .anyMatch(line -> line.startsWith("order IM-K1") && !line.contains("from protection 0"));
        // and announced the same events, in the same order per topic key
        awaitOutboxDrained();
        assertThat(events("ALL")).isEqualTo(events("ONE")).isNotEmpty();
        assertThat(events("ONE").values().stream().flatMap(List::stream))
                .anyMatch(event -> event.startsWith("ReservationChanged") && event.endsWith("ORDER"))
                .anyMatch(event -> event.startsWith("ReservationChanged") && event.endsWith("STOCK_CHANGED"))
                .anyMatch(event -> event.startsWith("StockChanged") && event.contains("SOLD"))
                .anyMatch(event -> event.startsWith("KeyAccountStockOut"));
        // and the units protected per SKU, as the database keeps them, are the protections' sum
        assertThat(protectedTotals()).isEqualTo(protectionSums());
    }

    @Test
    void aBatchTopsUpAProtectionShortOfItsTargetWhereStockIsFreeAsOneSaleAtATimeDoes() {
        // given per copy a SKU of 40 units of which IM-K1's agreed 20 hold only 5 (stock left free
        // while a protection is short: a batch then loads more than its buyers' protections)
        protections.changeTier(new TierChange(UUID.randomUUID(), "IM-K1", Tier.KEY, Instant.now()));
        protections.changeTier(new TierChange(UUID.randomUUID(), "IM-R1", Tier.REGULAR, Instant.now()));
        for (String copy : List.of("SHORT-ONE", "SHORT-ALL")) {
            catalogue.save(sku(copy, "A"), "A", "test", false, 40);
            protections.agree("IM-K1", sku(copy, "A"), 20, "test", "test");
            jdbc.update("update reservation set reserved = 5 where account_id = 'IM-K1' and sku = ?", sku(copy, "A"));
        }

        // when a regular account buys 3 units twice, one transaction each for the first copy and
        // both in one for the second
        Instant start = Instant.now().plusSeconds(1);
        List<SaleLine> sales = List.of(new SaleLine(UUID.randomUUID(), "IM-R1", "A", 3, start),
                new SaleLine(UUID.randomUUID(), "IM-R1", "A", 3, start.plusMillis(1)));
        sales.forEach(sale -> orders.place(in("SHORT-ONE", sale)));
        transactions.executeWithoutResult(tx -> {
            List<SaleLine> batch = sales.stream().map(sale -> in("SHORT-ALL", sale)).toList();
            orders.lockAhead(batch);
            batch.forEach(orders::place);
        });

        // then the first sale's free stock topped IM-K1 up to its 20 in both: 40 - 3 - 3 = 34 on hand
        assertThat(state("SHORT-ALL")).isEqualTo(state("SHORT-ONE")).contains(
                "order IM-R1 A 3 REGULAR from protection 0 from free stock 3 owed 0",
                "product A 34",
                "protection IM-K1 A 20 20");
        assertThat(protectedTotals()).isEqualTo(protectionSums()).containsEntry(sku("SHORT-ALL", "A"), 20L);
    }

    /** The units protected per SKU as sku_protected keeps them (SKUs with none left out). */
    private Map<String, Long> protectedTotals() {
        Map<String, Long> totals = new java.util.TreeMap<>();
        jdbc.query("select sku, units from sku_protected where units <> 0",
                rs -> { totals.put(rs.getString(1), rs.getLong(2)); });
        return totals;
    }

    /** The same, summed from the protections. */
    private Map<String, Long> protectionSums() {
        Map<String, Long> sums = new java.util.TreeMap<>();
        jdbc.query("select sku, sum(reserved) from reservation group by sku having sum(reserved) <> 0",
                rs -> { sums.put(rs.getString(1), rs.getLong(2)); });
        return sums;
    }

    private static String sku(String copy, String sku) {
        return "IM-" + copy + "-" + sku;
    }

    private static SaleLine in(String copy, SaleLine sale) {
        return new SaleLine(UUID.randomUUID(), sale.accountId(), sku(copy, sale.sku()), sale.quantity(), sale.occurredAt());
    }

    /** Orders (in the order placed), stock per warehouse, protections and totals of one copy, its SKUs named A and B. */
    private List<String> state(String copy) {
        String prefix = "IM-" + copy + "-";
        List<String> lines = new ArrayList<>();
        lines.addAll(jdbc.queryForList("""
                select 'order ' || account_id || ' ' || replace(sku, ?, '') || ' ' || quantity || ' ' || tier
                       || ' from protection ' || from_protection || ' from free stock ' || from_free_stock
                       || ' owed ' || owed
                from customer_order where sku like ? order by ordered_at, sku""", String.class, prefix, prefix + "%"));
        lines.addAll(jdbc.queryForList("""
                select 'stock ' || replace(sku, ?, '') || ' ' || warehouse_id || ' ' || on_hand
                from stock where sku like ? order by 1""", String.class, prefix, prefix + "%"));
        lines.addAll(jdbc.queryForList("""
                select 'product ' || replace(sku, ?, '') || ' ' || on_hand from product where sku like ? order by 1""",
                String.class, prefix, prefix + "%"));
        lines.addAll(jdbc.queryForList("""
                select 'protection ' || account_id || ' ' || replace(sku, ?, '') || ' ' || requested || ' ' || reserved
                from reservation where sku like ? order by 1""", String.class, prefix, prefix + "%"));
        return lines;
    }

    /** The copy's events on supply's topics, per topic and key, in the order published (SKUs named A and B). */
    private Map<String, List<String>> events(String copy) {
        String prefix = "IM-" + copy + "-";
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String topic : List.of(Topics.RESERVATIONS, Topics.STOCK, Topics.SUPPLY_SIGNALS)) {
            for (ConsumerRecord<String, String> record : kafka.records(topic)) {
                JsonNode event = json(record.value());
                String sku = event.path("sku").asString("");
                if (!sku.startsWith(prefix)) {
                    continue;
                }
                String type = KafkaProbe.header(record, "kam-event-type");
                String fields = switch (type) {
                    case "ReservationChanged" -> event.get("accountId").asString() + " " + event.get("requested").asInt()
                            + " " + event.get("reserved").asInt() + " " + event.get("cause").asString();
                    case "StockChanged" -> event.get("warehouseId").asString() + " " + event.get("onHand").asInt()
                            + " " + event.get("skuOnHand").asInt() + " " + event.get("cause").asString();
                    case "KeyAccountStockOut" -> event.get("accountId").asString() + " " + event.get("served").asInt()
                            + " " + event.get("backordered").asInt() + " " + event.get("cause").asString();
                    default -> type;
                };
                String key = topic + " " + record.key().replace(prefix, "");
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(type + " " + sku.replace(prefix, "") + " " + fields);
            }
        }
        return byKey;
    }
}
