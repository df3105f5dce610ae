package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kam.supply.allocation.Orders;
import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.reservation.ProtectionSizer;
import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.SaleLine;
import org.kam.supply.reservation.Tier;
import org.kam.supply.reservation.TierChange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Tier changes and sales make protections due; the sizer sizes them later, once (docs/adr/0014).
 * The sizer's own thread is held back (an hour between rounds) so the test decides when it runs;
 * the tier changes and sales go through the same calls the consumers make.
 */
@TestPropertySource(properties = { "kam.test.context=sizing-driven-by-the-test", "KAM_DB_POOL_SIZE=12",
        "kam.supply.protection.sizing-interval=1h" })
class DeferredSizingIT extends SupplyIntegrationTest {

    private static final Instant NOW = Instant.now();

    @Autowired
    Protections protections;
    @Autowired
    ProtectionSizer sizer;
    @Autowired
    Orders orders;
    @Autowired
    Catalogue catalogue;

    private long sequence = 1;

    @BeforeEach
    void theLatestSaleSupplyKnowsIsNow() {
        if (salesOf("DS-CLOCK") == 0) {
            orders.place(new SaleLine(UUID.randomUUID(), "DS-CLOCK", "DS-CLOCK", 1, NOW));
        }
    }

    @Test
    void aBurstOfTierChangesIsSizedOnceForTheTierTheAccountEndsWith() {
        // given 200 in stock and an account that bought 10 a week for the last 30 weeks
        catalogue.save("DS-1", "DS-1", "test", false, 200);
        buyWeekly("DS-A", "DS-1", 10, 30);

        // when it becomes POTENTIAL, KEY, REGULAR and KEY again before the sizer comes round
        for (Tier tier : List.of(Tier.POTENTIAL, Tier.KEY, Tier.REGULAR, Tier.KEY)) {
            changeTier("DS-A", tier);
        }

        // then nothing is sized yet, and the whole account is due once
        assertThat(jdbc.queryForList("select coalesce(sku, '*') from protection_due where account_id = 'DS-A'",
                String.class)).containsExactly("*");
        assertThat(reservedUnits("DS-A")).isZero();

        // when the sizer comes round
        assertThat(sizer.sizeAllDue()).isEqualTo(1);

        // then it is sized once, for KEY: 10 a week for 8 weeks, announced once, and nothing is due
        awaitReservationRecords("DS-A", 1);
        awaitOutboxDrained();
        List<ConsumerRecord<String, String>> records = reservationRecords("DS-A");
        assertThat(records).hasSize(1);
        assertReservationChangedFields(json(records.get(0).value()), "DS-1", "KEY", 80, 80, 0, "TIER_CHANGED");
        assertThat(reservedUnits("DS-A")).isEqualTo(80);
        assertThat(dueRows("DS-A")).isZero();

        // and when it leaves KEY, its protection is released when the sizer comes round
        changeTier("DS-A", Tier.REGULAR);
        assertThat(reservedUnits("DS-A")).isEqualTo(80);
        sizer.sizeAllDue();
        assertReservationChangedFields(json(awaitReservationRecords("DS-A", 2).get(1).value()), "DS-1", "REGULAR", 0, 0,
                0, "RELEASED");
        assertThat(reservedUnits("DS-A")).isZero();
    }

    @Test
    void aSaleOfAKeyAccountMakesOnlyTheSkuSoldDueAndASaleOfARegularOneNothing() {
        // given a KEY account protected 80 of each of two SKUs it bought 10 a week for the last 30 weeks
        catalogue.save("DS-2", "DS-2", "test", false, 500);
        catalogue.save("DS-3", "DS-3", "test", false, 500);
        buyWeekly("DS-B", "DS-2", 10, 30);
        buyWeekly("DS-B", "DS-3", 10, 30);
        changeTier("DS-B", Tier.KEY);
        sizer.sizeAllDue();
        awaitReservationRecords("DS-B", 2);

        // when it buys 60 more of DS-2 in its last week (360 over 30 weeks: 12 a week), and a REGULAR
        // account buys some too
        orders.place(new SaleLine(UUID.randomUUID(), "DS-B", "DS-2", 60, NOW.minus(Duration.ofDays(7))
                .plus(Duration.ofHours(1))));
        orders.place(new SaleLine(UUID.randomUUID(), "DS-R", "DS-2", 60, NOW.minus(Duration.ofDays(7))));

        // then only the SKU the KEY account bought is due
        assertThat(jdbc.queryForList("select account_id || ' ' || coalesce(sku, '*') from protection_due"
                + " where account_id in ('DS-B', 'DS-R')", String.class)).containsExactly("DS-B DS-2");

        // and when the sizer comes round, 96 of it are protected, published with cause SALE
        sizer.sizeAllDue();
        assertReservationChangedFields(json(awaitReservationRecords("DS-B", 3).get(2).value()), "DS-2", "KEY", 96, 96,
                0, "SALE");
        awaitOutboxDrained();
        assertThat(reservationRecords("DS-B")).hasSize(3);
        assertThat(dueRows("DS-B")).isZero();
    }

    @Test
    void unitsAnAccountOfAGroupReleasesGoToTheBestRankedShortageNotToTheAccountSizedAfterIt() {
        // given 100 in stock of DS-4; KEY account DS-L protects 56 of it (7 a week), KEY account
        // DS-K asks for 80 (10 a week) and gets the 44 left
        catalogue.save("DS-4", "DS-4", "test", false, 100);
        buyWeekly("DS-L", "DS-4", 7, 30);
        buyWeekly("DS-K", "DS-4", 10, 30);
        buyWeekly("DS-P", "DS-4", 10, 30);
        changeTier("DS-L", Tier.KEY);
        sizer.sizeAllDue();
        changeTier("DS-K", Tier.KEY);
        sizer.sizeAllDue();
        assertThat(holding("DS-L", "DS-4")).isEqualTo("56/56");
        assertThat(holding("DS-K", "DS-4")).isEqualTo("80/44");

        // when DS-L leaves KEY and DS-P becomes POTENTIAL (asking for half of its 80), and the sizer
        // sizes both in one group, DS-L first
        changeTier("DS-L", Tier.REGULAR);
        changeTier("DS-P", Tier.POTENTIAL);
        assertThat(sizer.sizeAllDue()).isEqualTo(2);

        // then the 56 DS-L held go to the KEY account's shortage first (36), and the POTENTIAL one
        // gets the 20 left
        assertThat(holding("DS-L", "DS-4")).isEqualTo("0/0");
        assertThat(holding("DS-K", "DS-4")).isEqualTo("80/80");
        assertThat(holding("DS-P", "DS-4")).isEqualTo("40/20");
        assertThat(dueRows("DS-L") + dueRows("DS-P")).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** {@code quantity} on each of the {@code weeks} weeks before now, as the sales consumer places them. */
    private void buyWeekly(String accountId, String sku, int quantity, int weeks) {
        for (int week = weeks; week >= 1; week--) {
            orders.place(new SaleLine(UUID.randomUUID(), accountId, sku, quantity, NOW.minus(Duration.ofDays(7L * week))));
        }
    }

    private void changeTier(String accountId, Tier tier) {
        protections.changeTier(new TierChange(UUID.randomUUID(), accountId, tier, NOW, sequence++));
    }

    private long reservedUnits(String accountId) {
        return jdbc.queryForObject("select coalesce(sum(reserved), 0) from reservation where account_id = ?", Long.class,
                accountId);
    }

    /** "requested/reserved" of the account's protection of the SKU. */
    private String holding(String accountId, String sku) {
        return jdbc.queryForObject("select requested || '/' || reserved from reservation where account_id = ? and sku = ?",
                String.class, accountId, sku);
    }

    private int dueRows(String accountId) {
        return jdbc.queryForObject("select count(*) from protection_due where account_id = ?", Integer.class, accountId);
    }
}
