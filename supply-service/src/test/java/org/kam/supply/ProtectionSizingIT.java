package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kam.supply.reservation.ProtectionRefresh;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Protections sized from forecasts, on a real Kafka broker and PostgreSQL.
 *
 * <p>Forecasts run as of the latest sale supply knows, for every account. So that each test's
 * numbers do not depend on the others, every history here ends in the week of Wednesday 25 February
 * 2026 and the clock sale of {@link #CLOCK_SALE} (4 March) is the latest sale: each series holds
 * exactly the weeks up to Sunday 1 March. Only the last test moves the clock on.
 */
@TestPropertySource(properties = "kam.test.context=protection-sizing")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtectionSizingIT extends SupplyIntegrationTest {

    private static final String CLOCK_SALE = "2026-03-04T10:00:00Z";
    private static final Instant LAST_WEDNESDAY = Instant.parse("2026-02-25T10:00:00Z");
    private static final String SCHEMA = "reservation-changed.v1.schema.json";

    @Autowired
    ProtectionRefresh refresh;

    @BeforeEach
    void theLatestSaleSupplyKnowsIsTheClockSale() {
        sendClockSaleOnce(CLOCK_SALE);
    }

    @Test
    @Order(1)
    void aKeyAccountGetsItsForecastDemandForEightWeeksProtectedUntilItLeavesTheTier() {
        // given 200 in stock and an account that bought 10 a week for 30 weeks
        putProduct("SKU-FC-1", 200);
        buyWeekly("FC-KEY", "SKU-FC-1", 10, 30);

        // when it becomes KEY
        sendTierChange("FC-KEY", "REGULAR", "KEY", "2026-03-02T00:00:00Z");

        // then a steady buyer is forecast to buy 10 a week: 80 are protected for the next 8 weeks
        ConsumerRecord<String, String> protectedRecord = awaitReservationRecords("FC-KEY", 1).get(0);
        assertThat(KafkaProbe.header(protectedRecord, "kam-event-type")).isEqualTo("ReservationChanged");
        assertReservationChanged(protectedRecord, "SKU-FC-1", "KEY", 80, 80, 0, "TIER_CHANGED");
        assertReservation(reservation("FC-KEY", "SKU-FC-1"), "KEY", 80, 80, "FORECAST", 80.0);

        // when it leaves KEY, then nothing stays protected
        sendTierChange("FC-KEY", "KEY", "REGULAR", "2026-03-03T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("FC-KEY", 2).get(1), "SKU-FC-1", "REGULAR", 0, 0, 0,
                "RELEASED");
        JsonNode released = reservation("FC-KEY", "SKU-FC-1");
        assertReservation(released, "REGULAR", 0, 0, null, null);
    }

    @Test
    @Order(2)
    void aPotentialAccountGetsHalfItsForecastAndAllOfItOnceKey() {
        // given an account that bought 5 a week for 30 weeks: 40 forecast for 8 weeks
        putProduct("SKU-FC-2", 100);
        buyWeekly("FC-POT", "SKU-FC-2", 5, 30);

        // when it becomes POTENTIAL, then half of its forecast is protected
        sendTierChange("FC-POT", "REGULAR", "POTENTIAL", "2026-03-02T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("FC-POT", 1).get(0), "SKU-FC-2", "POTENTIAL", 20, 20, 0,
                "TIER_CHANGED");
        assertReservation(reservation("FC-POT", "SKU-FC-2"), "POTENTIAL", 20, 20, "FORECAST", 40.0);

        // when it becomes KEY, then all of it
        sendTierChange("FC-POT", "POTENTIAL", "KEY", "2026-03-03T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("FC-POT", 2).get(1), "SKU-FC-2", "KEY", 40, 40, 0,
                "TIER_CHANGED");
    }

    @Test
    @Order(3)
    void aSaleOfAKeyAccountResizesTheSkuSold() {
        // given a KEY account protected 80 of a SKU it bought 10 a week for 30 weeks
        putProduct("SKU-FC-3", 500);
        buyWeekly("FC-SALE", "SKU-FC-3", 10, 30);
        sendTierChange("FC-SALE", "REGULAR", "KEY", "2026-03-02T00:00:00Z");
        awaitReservationRecords("FC-SALE", 1);

        // when a late sale of 60 more in its last week arrives: 360 over 30 weeks, 12 a week
        sendSale("FC-SALE", "SKU-FC-3", 60, LAST_WEDNESDAY.toString());

        // then 96 are protected
        assertReservationChanged(awaitReservationRecords("FC-SALE", 2).get(1), "SKU-FC-3", "KEY", 96, 96, 0, "SALE");
    }

    @Test
    @Order(4)
    void anAgreedStockLevelOverridesTheForecastUntilItIsWithdrawn() {
        // given a KEY account protected its forecast of 80, with 100 in stock
        putProduct("SKU-AG-1", 100);
        buyWeekly("AG-KEY", "SKU-AG-1", 10, 30);
        sendTierChange("AG-KEY", "REGULAR", "KEY", "2026-03-02T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("AG-KEY", 1).get(0), "SKU-AG-1", "KEY", 80, 80, 0,
                "TIER_CHANGED");

        // when a stock level of 120 is agreed with it
        TestApi.Response agreed = api.put("/api/v1/accounts/AG-KEY/agreed-stock/SKU-AG-1",
                "{\"units\":120,\"note\":\"Spring shutdown stock\"}", "KAM_LEAD");

        // then it is stored, and the protection requests 120 at once: the 100 in stock and 20 short
        assertThat(agreed.status()).as(agreed.body()).isEqualTo(200);
        assertAgreedLevel(agreed.json(), "AG-KEY", "SKU-AG-1", 120, "Spring shutdown stock");
        assertReservationChanged(awaitReservationRecords("AG-KEY", 2).get(1), "SKU-AG-1", "KEY", 120, 100, 20,
                "AGREED_LEVEL");
        assertReservation(reservation("AG-KEY", "SKU-AG-1"), "KEY", 120, 100, "AGREED", 80.0);
        JsonNode levels = api.get("/api/v1/accounts/AG-KEY/agreed-stock", "ANALYST").json();
        assertThat(levels).hasSize(1);
        assertAgreedLevel(levels.get(0), "AG-KEY", "SKU-AG-1", 120, "Spring shutdown stock");

        // when it is withdrawn, then the forecast applies again
        assertThat(api.delete("/api/v1/accounts/AG-KEY/agreed-stock/SKU-AG-1", "SUPPLY").status()).isEqualTo(204);
        assertReservationChanged(awaitReservationRecords("AG-KEY", 3).get(2), "SKU-AG-1", "KEY", 80, 80, 0,
                "AGREED_LEVEL");
        assertReservation(reservation("AG-KEY", "SKU-AG-1"), "KEY", 80, 80, "FORECAST", 80.0);
        assertThat(api.get("/api/v1/accounts/AG-KEY/agreed-stock", "ANALYST").json()).isEmpty();
        assertThat(api.delete("/api/v1/accounts/AG-KEY/agreed-stock/SKU-AG-1", "SUPPLY").status()).isEqualTo(404);

        // when a level of 30 is agreed and the account then becomes POTENTIAL
        assertThat(api.put("/api/v1/accounts/AG-KEY/agreed-stock/SKU-AG-1", "{\"units\":30}", "ADMIN").status())
                .isEqualTo(200);
        assertReservationChanged(awaitReservationRecords("AG-KEY", 4).get(3), "SKU-AG-1", "KEY", 30, 30, 0,
                "AGREED_LEVEL");
        sendTierChange("AG-KEY", "KEY", "POTENTIAL", "2026-03-03T00:00:00Z");

        // then the level is kept on record but not applied: POTENTIAL gets half its forecast
        assertReservationChanged(awaitReservationRecords("AG-KEY", 5).get(4), "SKU-AG-1", "POTENTIAL", 40, 40, 0,
                "TIER_CHANGED");
        assertThat(api.get("/api/v1/accounts/AG-KEY/agreed-stock", "KAM").json().get(0).get("units").asInt())
                .isEqualTo(30);

        // and when it is KEY again, the level applies again
        sendTierChange("AG-KEY", "POTENTIAL", "KEY", "2026-03-04T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("AG-KEY", 6).get(5), "SKU-AG-1", "KEY", 30, 30, 0,
                "TIER_CHANGED");
    }

    @Test
    @Order(5)
    void anAgreedStockLevelForANonKeyAccountAnUnknownSkuOrWrongUnitsIsRefusedNamingTheField() {
        // given a REGULAR account, a POTENTIAL one, one supply knows no tier of, and a KEY one
        putProduct("SKU-AG-2", 50);
        sendTierChange("AG-REG", "POTENTIAL", "REGULAR", "2026-03-02T00:00:00Z");
        sendTierChange("AG-POT", "REGULAR", "POTENTIAL", "2026-03-02T00:00:00Z");
        sendTierChange("AG-OK", "REGULAR", "KEY", "2026-03-02T00:00:00Z");
        awaitTier("AG-REG", "REGULAR");
        awaitTier("AG-POT", "POTENTIAL");
        awaitTier("AG-OK", "KEY");

        // when / then
        assertThat(refused("AG-REG", "SKU-AG-2", "{\"units\":10}"))
                .isEqualTo("accountId: only a KEY account has an agreed stock level; AG-REG is REGULAR");
        assertThat(refused("AG-POT", "SKU-AG-2", "{\"units\":10}"))
                .isEqualTo("accountId: only a KEY account has an agreed stock level; AG-POT is POTENTIAL");
        assertThat(refused("AG-NOBODY", "SKU-AG-2", "{\"units\":10}"))
                .isEqualTo("accountId: only a KEY account has an agreed stock level; AG-NOBODY has no tier known to supply");
        assertThat(refused("AG-OK", "SKU-NOBODY-HAS", "{\"units\":10}")).isEqualTo("sku: no product SKU-NOBODY-HAS");
        assertThat(refused("AG-OK", "SKU-AG-2", "{\"units\":-1}")).startsWith("units: ");
        assertThat(refused("AG-OK", "SKU-AG-2", "{\"note\":\"no units\"}")).startsWith("units: ");
        for (String units : new String[] { "\"ten\"", "1.5", "99999999999" }) {
            assertThat(refused("AG-OK", "SKU-AG-2", "{\"units\":" + units + "}")).as(units).startsWith("units: ");
        }

        // and nothing was stored or published
        for (String account : List.of("AG-REG", "AG-POT", "AG-NOBODY", "AG-OK")) {
            assertThat(api.get("/api/v1/accounts/" + account + "/agreed-stock", "ANALYST").json()).as(account).isEmpty();
            assertThat(api.get("/api/v1/reservations?accountId=" + account, "ANALYST").json()).as(account).isEmpty();
        }
        awaitOutboxDrained();
        assertThat(kafka.records(Topics.RESERVATIONS).stream()
                .filter(r -> List.of("AG-REG", "AG-POT", "AG-NOBODY", "AG-OK").contains(r.key()))).isEmpty();
    }

    @Test
    @Order(6)
    void onlySupplyPlannersKamLeadsAndAdminsAgreeStockLevels() {
        String level = "{\"units\":1}";

        assertThat(api.put("/api/v1/accounts/AG-OK/agreed-stock/SKU-AG-2", level).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/AG-OK/agreed-stock").status()).isEqualTo(401);
        assertThat(api.put("/api/v1/accounts/AG-OK/agreed-stock/SKU-AG-2", level, "KAM", "ANALYST").status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/accounts/AG-OK/agreed-stock/SKU-AG-2", "SALES").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/accounts/AG-OK/agreed-stock", "SALES").status()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void newStockGoesToKeyAccountsBeforePotentialOnesAndLessStockTakesFromPotentialOnesFirst() {
        // given a POTENTIAL account protected before a KEY one, on a SKU with no stock
        buyWeekly("RANK-POT", "SKU-RANK-1", 10, 30);
        buyWeekly("RANK-KEY", "SKU-RANK-1", 10, 30);
        sendTierChange("RANK-POT", "REGULAR", "POTENTIAL", "2026-03-02T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("RANK-POT", 1).get(0), "SKU-RANK-1", "POTENTIAL", 40, 0, 40,
                "TIER_CHANGED");
        sendTierChange("RANK-KEY", "REGULAR", "KEY", "2026-03-02T00:00:00Z");
        assertReservationChanged(awaitReservationRecords("RANK-KEY", 1).get(0), "SKU-RANK-1", "KEY", 80, 0, 80,
                "TIER_CHANGED");

        // when 100 arrive, then the KEY account is covered first and the POTENTIAL one gets the rest
        putProduct("SKU-RANK-1", 100);
        assertReservationChanged(awaitReservationRecords("RANK-KEY", 2).get(1), "SKU-RANK-1", "KEY", 80, 80, 0,
                "STOCK_CHANGED");
        assertReservationChanged(awaitReservationRecords("RANK-POT", 2).get(1), "SKU-RANK-1", "POTENTIAL", 40, 20, 20,
                "STOCK_CHANGED");

        // when the stock is corrected down to 70, then the POTENTIAL account loses its 20 and the KEY one 10
        putProduct("SKU-RANK-1", 70);
        assertReservationChanged(awaitReservationRecords("RANK-POT", 3).get(2), "SKU-RANK-1", "POTENTIAL", 40, 0, 40,
                "STOCK_CHANGED");
        assertReservationChanged(awaitReservationRecords("RANK-KEY", 3).get(2), "SKU-RANK-1", "KEY", 80, 70, 10,
                "STOCK_CHANGED");
    }

    /** Last: it moves the clock on, which moves every forecast. */
    @Test
    @Order(8)
    void aNewKeyAccountBuyingForTheFirstTimeThisWeekGetsThatWeeksBuyingProtectedForEachWeek() {
        // given 200 in stock and a new customer whose only purchase, 15 on Tuesday, falls in the
        // clock's running week: no complete week of history yet
        putProduct("SKU-FC-NEW", 200);
        sendSale("FC-NEW", "SKU-FC-NEW", 15, "2026-03-03T09:00:00Z");
        awaitSalesRecorded("FC-NEW", 1);

        // when it becomes KEY
        sendTierChange("FC-NEW", "REGULAR", "KEY", "2026-03-03T09:00:00Z");

        // then this week counts as its first week: 15 a week, 120 protected for 8 weeks at once
        assertReservationChanged(awaitReservationRecords("FC-NEW", 1).get(0), "SKU-FC-NEW", "KEY", 120, 120, 0,
                "TIER_CHANGED");
    }

    @Test
    @Order(9)
    void unitsAnAccountLeavingKeyFreesOnSeveralSkusGoToTheShortagesWaitingOnEachOfThem() {
        // given two SKUs of 80 each, all of it protected for a KEY account, and a POTENTIAL account
        // short of its 40 on both
        putProduct("SKU-FREE-1", 80);
        putProduct("SKU-FREE-2", 80);
        for (String accountId : List.of("FREE-KEY", "FREE-POT")) {
            buyWeekly(accountId, "SKU-FREE-1", 10, 30);
            buyWeekly(accountId, "SKU-FREE-2", 10, 30);
        }
        sendTierChange("FREE-KEY", "REGULAR", "KEY", "2026-03-02T00:00:00Z");
        awaitReservationRecords("FREE-KEY", 2);
        sendTierChange("FREE-POT", "REGULAR", "POTENTIAL", "2026-03-02T00:00:00Z");
        List<ConsumerRecord<String, String>> shortOf = awaitReservationRecords("FREE-POT", 2);
        assertReservationChanged(shortOf.get(0), "SKU-FREE-1", "POTENTIAL", 40, 0, 40, "TIER_CHANGED");
        assertReservationChanged(shortOf.get(1), "SKU-FREE-2", "POTENTIAL", 40, 0, 40, "TIER_CHANGED");

        // when the KEY account leaves the tier
        sendTierChange("FREE-KEY", "KEY", "REGULAR", "2026-03-03T00:00:00Z");

        // then both of its protections are released, and the freed units fill the shortage on each SKU
        List<ConsumerRecord<String, String>> released = awaitReservationRecords("FREE-KEY", 4);
        assertReservationChanged(released.get(2), "SKU-FREE-1", "REGULAR", 0, 0, 0, "RELEASED");
        assertReservationChanged(released.get(3), "SKU-FREE-2", "REGULAR", 0, 0, 0, "RELEASED");
        List<ConsumerRecord<String, String>> filled = awaitReservationRecords("FREE-POT", 4);
        assertReservationChanged(filled.get(2), "SKU-FREE-1", "POTENTIAL", 40, 40, 0, "STOCK_CHANGED");
        assertReservationChanged(filled.get(3), "SKU-FREE-2", "POTENTIAL", 40, 40, 0, "STOCK_CHANGED");
        assertReservation(reservation("FREE-POT", "SKU-FREE-1"), "POTENTIAL", 40, 40, "FORECAST", 80.0);
        assertReservation(reservation("FREE-POT", "SKU-FREE-2"), "POTENTIAL", 40, 40, "FORECAST", 80.0);
    }

    @Test
    @Order(100)
    void aScheduledReforecastResizesProtectionsAsTheClockMovesAndPublishesOnlyRealChanges() {
        // given a KEY account protected 80 of each of two SKUs, one of them at an agreed 80
        putProduct("SKU-RF-1", 300);
        putProduct("SKU-RF-2", 300);
        buyWeekly("RF-KEY", "SKU-RF-1", 10, 30);
        buyWeekly("RF-KEY", "SKU-RF-2", 10, 30);
        sendTierChange("RF-KEY", "REGULAR", "KEY", "2026-03-02T00:00:00Z");
        awaitReservationRecords("RF-KEY", 2);
        assertThat(api.put("/api/v1/accounts/RF-KEY/agreed-stock/SKU-RF-2", "{\"units\":80}", "SUPPLY").status())
                .isEqualTo(200);

        // when a week passes without it buying (another account's sale moves the clock to 11 March)
        // and the protections are re-forecast, twice
        sendSale("CLOCK", "SKU-CLOCK", 1, "2026-03-11T10:00:00Z");
        awaitSalesRecorded("CLOCK", 2);
        assertThat(refresh.refreshAll()).isGreaterThanOrEqualTo(1);
        refresh.refreshAll();

        // then the forecast of SKU-RF-1 fell to 300 over 31 weeks (77.42 for 8 weeks): 78 are protected,
        // published once; the agreed SKU-RF-2 did not change and was not published
        awaitOutboxDrained();
        List<ConsumerRecord<String, String>> records = reservationRecords("RF-KEY");
        assertThat(records).hasSize(3);
        assertReservationChanged(records.get(2), "SKU-RF-1", "KEY", 78, 78, 0, "FORECAST");
        assertReservation(reservation("RF-KEY", "SKU-RF-1"), "KEY", 78, 78, "FORECAST", 77.42);
        assertReservation(reservation("RF-KEY", "SKU-RF-2"), "KEY", 80, 80, "AGREED", 77.42);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** {@code quantity} each Wednesday for {@code weeks} weeks up to 25 February 2026; waits until all are stored. */
    private void buyWeekly(String accountId, String sku, int quantity, int weeks) {
        int before = salesOf(accountId);
        for (int week = weeks - 1; week >= 0; week--) {
            sendSale(accountId, sku, quantity, LAST_WEDNESDAY.minus(Duration.ofDays(7L * week)).toString());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> salesOf(accountId) == before + weeks);
    }

    private JsonNode reservation(String accountId, String sku) {
        JsonNode list = api.get("/api/v1/reservations?accountId=" + accountId + "&sku=" + sku, "ANALYST").json();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    /** PUTs an agreed level that must be refused; answers "field: message" of the 400 ProblemDetail. */
    private String refused(String accountId, String sku, String body) {
        return firstError(api.put("/api/v1/accounts/" + accountId + "/agreed-stock/" + sku, body, "SUPPLY"));
    }

    private static void assertReservationChanged(ConsumerRecord<String, String> record, String sku, String tier,
            int requested, int reserved, int shortage, String cause) {
        EventContracts.assertConforms(SCHEMA, record.value());
        JsonNode event = json(record.value());
        assertReservationChangedFields(event, sku, tier, requested, reserved, shortage, cause);
    }

    private static void assertReservation(JsonNode reservation, String tier, int requested, int reserved,
            String basis, Double forecastUnits) {
        assertThat(reservation.get("tier").asString()).isEqualTo(tier);
        assertThat(reservation.get("requested").asInt()).isEqualTo(requested);
        assertThat(reservation.get("reserved").asInt()).isEqualTo(reserved);
        assertThat(reservation.get("shortage").asInt()).isEqualTo(requested - reserved);
        if (basis == null) {
            assertThat(reservation.get("basis").isNull()).isTrue();
        } else {
            assertThat(reservation.get("basis").asString()).isEqualTo(basis);
        }
        if (forecastUnits == null) {
            assertThat(reservation.get("forecastUnits").isNull()).isTrue();
        } else {
            assertThat(reservation.get("forecastUnits").asDouble()).isEqualTo(forecastUnits);
        }
    }

    private static void assertAgreedLevel(JsonNode level, String accountId, String sku, int units, String note) {
        assertThat(level.get("accountId").asString()).isEqualTo(accountId);
        assertThat(level.get("sku").asString()).isEqualTo(sku);
        assertThat(level.get("units").asInt()).isEqualTo(units);
        assertThat(level.get("note").asString()).isEqualTo(note);
        assertThat(level.get("setBy").asString()).isEqualTo("test-user");
        assertThat(Instant.parse(level.get("updatedAt").asString())).isNotNull();
    }
}
