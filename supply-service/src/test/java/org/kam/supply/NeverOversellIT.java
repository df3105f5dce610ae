package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.kam.supply.allocation.Orders;
import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.catalogue.IncomingSupply;
import org.kam.supply.catalogue.NewSupply;
import org.kam.supply.catalogue.SupplyKind;
import org.kam.supply.reservation.ProtectionSizer;
import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.SaleLine;
import org.kam.supply.reservation.Tier;
import org.kam.supply.reservation.TierChange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Never oversell (issue 4, must 5): many orders, arrivals, tier changes and sizings of due
 * protections at once, on eight threads against the real PostgreSQL, through the same services the
 * consumers, the API and the sizer call (the sizer's own thread is held back: the test sizes).
 * Whatever the interleaving, every call succeeds (no deadlock, nothing retried) and the books
 * balance: stock never negative, units served never more than units supplied, protections never
 * more than stock, every order's units served or owed, and no waiting order next to free stock.
 */
@TestPropertySource(properties = { "kam.test.context=sizing-driven-by-the-test", "KAM_DB_POOL_SIZE=12",
        "kam.supply.protection.sizing-interval=1h" })
class NeverOversellIT extends SupplyIntegrationTest {

    private static final List<String> SKUS = List.of("NO-1", "NO-2", "NO-3");
    private static final int INITIAL_STOCK = 100;
    private static final int ORDERS = 400;
    private static final int ARRIVALS = 40;
    private static final int TIER_CHANGES = 20;
    private static final int SIZINGS = 20;

    @Autowired
    Orders orders;
    @Autowired
    Catalogue catalogue;
    @Autowired
    Protections protections;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ProtectionSizer sizer;

    @Test
    void concurrentOrdersArrivalsAndTierChangesNeverOversellAndLoseNoUnit() throws Exception {
        // given three SKUs counted at 100 each, twelve accounts of every tier
        Random random = new Random(42);
        for (String sku : SKUS) {
            catalogue.save(sku, sku, "test", false, INITIAL_STOCK);
        }
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String account = "NO-A" + i;
            accounts.add(account);
            Tier tier = i < 3 ? Tier.KEY : i < 6 ? Tier.POTENTIAL : Tier.REGULAR;
            protections.changeTier(new TierChange(UUID.randomUUID(), account, tier, Instant.now()));
        }
        // four weeks of history before the count: forecasts give key and potential accounts protections
        Instant beforeCount = Instant.now().minus(Duration.ofDays(1));
        for (int week = 1; week <= 4; week++) {
            for (int i = 0; i < 6; i++) {
                for (String sku : SKUS) {
                    orders.place(new SaleLine(UUID.randomUUID(), accounts.get(i), sku, 2 + random.nextInt(4),
                            beforeCount.minus(Duration.ofDays(7L * week))));
                }
            }
        }
        sizer.sizeAllDue();
        // and a level agreed with one key account
        protections.agree(accounts.get(0), "NO-1", 30, "test", "test");
        assertThat(sumOf("select coalesce(sum(reserved), 0) from reservation")).isPositive();

        // when 400 orders, 40 arrivals, 20 tier changes and 20 sizings run at once on eight threads
        AtomicLong clock = new AtomicLong(Instant.now().toEpochMilli());
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            SaleLine sale = new SaleLine(UUID.randomUUID(), accounts.get(random.nextInt(accounts.size())),
                    SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(15),
                    Instant.ofEpochMilli(clock.incrementAndGet()));
            work.add(() -> {
                orders.place(sale);
                return null;
            });
        }
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        for (int i = 0; i < ARRIVALS; i++) {
            NewSupply supply = new NewSupply(SupplyKind.SHIPMENT, SKUS.get(random.nextInt(SKUS.size())),
                    Catalogue.DEFAULT_WAREHOUSE, 10 + random.nextInt(30), due);
            work.add(() -> {
                IncomingSupply expected = catalogue.expect(supply);
                catalogue.receive(expected.id());
                return null;
            });
        }
        for (int i = 0; i < TIER_CHANGES; i++) {
            TierChange change = new TierChange(UUID.randomUUID(), accounts.get(random.nextInt(accounts.size())),
                    Tier.values()[random.nextInt(3)], Instant.ofEpochMilli(clock.incrementAndGet()));
            work.add(() -> {
                protections.changeTier(change);
                return null;
            });
        }
        for (int i = 0; i < SIZINGS; i++) {
            work.add(() -> {
                sizer.sizeAllDue();
                return null;
            });
        }
        java.util.Collections.shuffle(work, random);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> done : threads.invokeAll(work)) {
                done.get(); // rethrows whatever failed: a deadlock or a broken constraint fails the test
            }
        } finally {
            threads.shutdownNow();
        }
        // what the tier changes and sales made due is sized, and units freed reach waiting orders on the next sweep
        sizer.sizeAllDue();
        assertThat(sumOf("select count(*) from protection_due")).as("protections still due").isZero();
        orders.serveWaitingBackorders();

        // then every order was recorded once, and per SKU the books balance
        assertThat(sumOf("select count(*) from customer_order")).isEqualTo(ORDERS);
        assertThat(sumOf("select count(*) from customer_order where from_protection + from_free_stock + served_later + owed <> quantity"))
                .isZero();
        for (String sku : SKUS) {
            long onHand = sumOf("select on_hand from product where sku = ?", sku);
            long supplied = INITIAL_STOCK + sumOf(
                    "select coalesce(sum(quantity), 0) from incoming_supply where sku = ? and status = 'RECEIVED'", sku);
            long served = sumOf("""
                    select coalesce(sum(from_protection + from_free_stock + served_later), 0)
                    from customer_order where sku = ?""", sku);
            long reserved = sumOf("select coalesce(sum(reserved), 0) from reservation where sku = ?", sku);
            long owed = sumOf("select coalesce(sum(owed), 0) from customer_order where sku = ?", sku);

            assertThat(onHand).as(sku + " on hand").isNotNegative();
            assertThat(sumOf("select coalesce(sum(on_hand), 0) from stock where sku = ?", sku))
                    .as(sku + " warehouses add up to the SKU's total").isEqualTo(onHand);
            assertThat(served).as(sku + " served, never more than supplied").isLessThanOrEqualTo(supplied);
            assertThat(served + onHand).as(sku + " served + on hand = supplied").isEqualTo(supplied);
            assertThat(reserved).as(sku + " protected, never more than on hand").isLessThanOrEqualTo(onHand);
            assertThat(sumOf("select count(*) from reservation where sku = ? and reserved > requested", sku)).isZero();
            if (owed > 0) {
                assertThat(onHand - reserved).as(sku + " free stock while orders wait").isZero();
            }
        }
    }

    private long sumOf(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }
}
