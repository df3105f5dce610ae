package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;

import tools.jackson.databind.JsonNode;

/**
 * supply-service on a real Kafka broker and a real PostgreSQL. Every test uses its own account ids
 * and SKUs, so tests do not depend on each other's order.
 *
 * <p>Sales and tier changes come on two topics, which the service consumes independently; where a
 * test needs one to be applied before the other, it waits for it in the service's database rather
 * than hoping for an order Kafka does not promise.
 *
 * <p>Protections are sized from forecasts as of the latest sale supply knows. Every sale here is on
 * or before Sunday 1 March 2026 and the clock sale (Wednesday 4 March) is the latest, so each
 * forecast holds exactly the weeks up to 1 March whatever the order of the tests: a single sale of
 * q units is a one-week history forecast at q a week, so 8q units are protected.
 */
class SupplyServiceIT extends SupplyIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private static final String DLQ = "kam.dlq.supply-service.v1";

    private static final String CLOCK_SALE = "2026-03-04T10:00:00Z";

    @BeforeEach
    void theLatestSaleSupplyKnowsIsTheClockSale() {
        sendClockSaleOnce(CLOCK_SALE);
    }

    @Test
    void reservesProtectedStockWhenAccountBecomesKey() {
        // given 100 bearings in stock, and a customer's sales: 15 and 10 bearings in the two weeks
        // before 1 March (12.5 a week), 2 of a SKU nobody stocks, and seals bought three years ago
        assertThat(putStock("SKU-BECOME-1", 100).status()).isEqualTo(201);
        sendSale("BECOME-1", "SKU-BECOME-1", 15, "2026-02-20T08:00:00Z");
        sendSale("BECOME-1", "SKU-BECOME-1", 10, "2026-02-27T08:00:00Z");
        sendSale("BECOME-1", "SKU-BECOME-UNSTOCKED", 2, "2026-03-01T00:00:00Z");
        sendSale("BECOME-1", "SKU-BECOME-OLD", 9, "2023-01-10T08:00:00Z");
        awaitSalesRecorded("BECOME-1", 4);

        // when it becomes KEY
        sendTierChange("BECOME-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");

        // then each SKU it bought in the last two years is protected for 8 weeks, once, as the contract says
        List<ConsumerRecord<String, String>> records = awaitReservationRecords("BECOME-1", 2);
        ConsumerRecord<String, String> bearings = bySku(records, "SKU-BECOME-1");
        EventContracts.assertConforms("reservation-changed.v1.schema.json", bearings.value());
        assertThat(KafkaProbe.header(bearings, "kam-event-type")).isEqualTo("ReservationChanged");
        assertReservationChanged(json(bearings.value()), "BECOME-1", "SKU-BECOME-1", "KEY", 100, 100, 0, "TIER_CHANGED");
        ConsumerRecord<String, String> unstocked = bySku(records, "SKU-BECOME-UNSTOCKED");
        EventContracts.assertConforms("reservation-changed.v1.schema.json", unstocked.value());
        assertReservationChanged(json(unstocked.value()), "BECOME-1", "SKU-BECOME-UNSTOCKED", "KEY", 16, 0, 16,
                "TIER_CHANGED");
        awaitOutboxDrained();
        assertThat(reservationRecords("BECOME-1")).hasSize(2);

        // and the API shows the same protections
        TestApi.Response reservations = api.get("/api/v1/reservations?accountId=BECOME-1", "ANALYST");
        assertThat(reservations.status()).isEqualTo(200);
        JsonNode list = reservations.json();
        assertThat(list.size()).isEqualTo(2);
        assertReservation(list.get(0), "BECOME-1", "SKU-BECOME-1", "KEY", 100, 100, 0);
        assertReservation(list.get(1), "BECOME-1", "SKU-BECOME-UNSTOCKED", "KEY", 16, 0, 16);
        assertThat(list.get(0).get("basis").asString()).isEqualTo("FORECAST");
        assertThat(list.get(0).get("forecastUnits").asDouble()).isEqualTo(100.0);
        assertThat(list.get(0).get("updatedAt").asString()).isNotBlank();
    }

    @Test
    void aTierEventBeforeTheSaleAlsoReserves() {
        // given a KEY account that has bought nothing yet
        putStock("SKU-EARLY-1", 50);
        sendTierChange("EARLY-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        awaitTier("EARLY-1", "KEY");

        // when its first sale arrives
        sendSale("EARLY-1", "SKU-EARLY-1", 8, "2026-03-01T00:00:00Z");

        // then the sale sizes the protection: 8 a week for 8 weeks, of which 50 are in stock
        ConsumerRecord<String, String> record = awaitReservationRecords("EARLY-1", 1).get(0);
        EventContracts.assertConforms("reservation-changed.v1.schema.json", record.value());
        assertReservationChanged(json(record.value()), "EARLY-1", "SKU-EARLY-1", "KEY", 64, 50, 14, "SALE");
    }

    @Test
    void aShortStockReservesWhatThereIsAndReportsTheShortageUntilStockArrives() {
        // given 5 in stock and a customer that bought 12
        putStock("SKU-SHORT-1", 5);
        sendSale("SHORT-1", "SKU-SHORT-1", 12, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("SHORT-1", 1);

        // when it becomes KEY, then of the 96 forecast for 8 weeks 5 are reserved and 91 are short
        sendTierChange("SHORT-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        assertReservationChanged(json(awaitReservationRecords("SHORT-1", 1).get(0).value()),
                "SHORT-1", "SKU-SHORT-1", "KEY", 96, 5, 91, "TIER_CHANGED");

        // and when stock arrives, the shortage is covered
        assertThat(putStock("SKU-SHORT-1", 100).status()).isEqualTo(200);
        ConsumerRecord<String, String> restocked = awaitReservationRecords("SHORT-1", 2).get(1);
        EventContracts.assertConforms("reservation-changed.v1.schema.json", restocked.value());
        assertReservationChanged(json(restocked.value()), "SHORT-1", "SKU-SHORT-1", "KEY", 96, 96, 0, "STOCK_CHANGED");
    }

    @Test
    void newStockFillsTheOldestShortageFirstAndLessStockShrinksTheNewestReservationFirst() {
        // given two KEY accounts, OLDEST (4 a week, 32 protected) before NEWEST (6 a week, 48), on a
        // SKU with no stock yet
        sendSale("OLDEST-1", "SKU-SHARE-1", 4, "2026-03-01T00:00:00Z");
        sendSale("NEWEST-1", "SKU-SHARE-1", 6, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("OLDEST-1", 1);
        awaitSalesRecorded("NEWEST-1", 1);
        sendTierChange("OLDEST-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        assertReservationChanged(json(awaitReservationRecords("OLDEST-1", 1).get(0).value()),
                "OLDEST-1", "SKU-SHARE-1", "KEY", 32, 0, 32, "TIER_CHANGED");
        sendTierChange("NEWEST-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        assertReservationChanged(json(awaitReservationRecords("NEWEST-1", 1).get(0).value()),
                "NEWEST-1", "SKU-SHARE-1", "KEY", 48, 0, 48, "TIER_CHANGED");

        // when 40 arrive, the oldest is covered first and the newest gets the rest
        assertThat(putStock("SKU-SHARE-1", 40).status()).isEqualTo(201);
        assertReservationChanged(json(awaitReservationRecords("OLDEST-1", 2).get(1).value()),
                "OLDEST-1", "SKU-SHARE-1", "KEY", 32, 32, 0, "STOCK_CHANGED");
        assertReservationChanged(json(awaitReservationRecords("NEWEST-1", 2).get(1).value()),
                "NEWEST-1", "SKU-SHARE-1", "KEY", 48, 8, 40, "STOCK_CHANGED");

        // when the stock is corrected down to 20, the newest loses its 8 and the oldest 12
        putStock("SKU-SHARE-1", 20);
        assertReservationChanged(json(awaitReservationRecords("NEWEST-1", 3).get(2).value()),
                "NEWEST-1", "SKU-SHARE-1", "KEY", 48, 0, 48, "STOCK_CHANGED");
        assertReservationChanged(json(awaitReservationRecords("OLDEST-1", 3).get(2).value()),
                "OLDEST-1", "SKU-SHARE-1", "KEY", 32, 20, 12, "STOCK_CHANGED");

        // then never more is reserved than is on hand
        JsonNode reservations = api.get("/api/v1/reservations?sku=SKU-SHARE-1", "ANALYST").json();
        assertThat(reservations.findValues("reserved").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(20);
    }

    @Test
    void releasesTheProtectionWhenTheAccountLeavesKey() {
        // given a KEY account with 30 protected (all the stock of the 80 forecast)
        putStock("SKU-LEAVE-1", 30);
        sendSale("LEAVE-1", "SKU-LEAVE-1", 10, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("LEAVE-1", 1);
        sendTierChange("LEAVE-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        awaitReservationRecords("LEAVE-1", 1);

        // when it is no longer KEY
        sendTierChange("LEAVE-1", "KEY", "REGULAR", "2026-03-05T00:00:00Z");

        // then its protection is released
        ConsumerRecord<String, String> released = awaitReservationRecords("LEAVE-1", 2).get(1);
        EventContracts.assertConforms("reservation-changed.v1.schema.json", released.value());
        assertReservationChanged(json(released.value()), "LEAVE-1", "SKU-LEAVE-1", "REGULAR", 0, 0, 0, "RELEASED");
        JsonNode reservation = api.get("/api/v1/reservations?accountId=LEAVE-1&sku=SKU-LEAVE-1", "KAM").json().get(0);
        assertReservation(reservation, "LEAVE-1", "SKU-LEAVE-1", "REGULAR", 0, 0, 0);
        assertThat(reservation.get("basis").isNull()).isTrue();
    }

    @Test
    void stockReleasedByOneAccountCoversAnotherAccountsShortage() {
        // given 100 in stock, 80 protected for HOLDER, and WAITER short of 12 of its 32
        putStock("SKU-FREED-1", 100);
        sendSale("HOLDER-1", "SKU-FREED-1", 10, "2026-03-01T00:00:00Z");
        sendSale("WAITER-1", "SKU-FREED-1", 4, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("HOLDER-1", 1);
        awaitSalesRecorded("WAITER-1", 1);
        sendTierChange("HOLDER-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        awaitReservationRecords("HOLDER-1", 1);
        sendTierChange("WAITER-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        assertReservationChanged(json(awaitReservationRecords("WAITER-1", 1).get(0).value()),
                "WAITER-1", "SKU-FREED-1", "KEY", 32, 20, 12, "TIER_CHANGED");

        // when HOLDER leaves KEY for POTENTIAL, which protects half its forecast
        sendTierChange("HOLDER-1", "KEY", "POTENTIAL", "2026-03-05T00:00:00Z");

        // then the freed units cover WAITER's shortage
        assertReservationChanged(json(awaitReservationRecords("HOLDER-1", 2).get(1).value()),
                "HOLDER-1", "SKU-FREED-1", "POTENTIAL", 40, 40, 0, "TIER_CHANGED");
        assertReservationChanged(json(awaitReservationRecords("WAITER-1", 2).get(1).value()),
                "WAITER-1", "SKU-FREED-1", "KEY", 32, 32, 0, "STOCK_CHANGED");
    }

    @Test
    void aRedeliveredTierChangeChangesNothing() {
        // given a KEY account whose tier change is delivered twice
        putStock("SKU-TWICE-1", 10);
        sendSale("TWICE-1", "SKU-TWICE-1", 4, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("TWICE-1", 1);
        EventJson becameKey = EventJson.tierChange("TWICE-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        double duplicates = duplicatesSkipped();
        kafka.send(Topics.ACCOUNT_TIERS, "TWICE-1", becameKey.json());
        kafka.send(Topics.ACCOUNT_TIERS, "TWICE-1", becameKey.json());
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSkipped() == duplicates + 1);
        awaitReservationRecords("TWICE-1", 1);

        // and, after it left KEY, the old change is delivered once more; then a last change
        sendTierChange("TWICE-1", "KEY", "REGULAR", "2026-03-05T00:00:00Z");
        awaitReservationRecords("TWICE-1", 2);
        kafka.send(Topics.ACCOUNT_TIERS, "TWICE-1", becameKey.json());
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSkipped() == duplicates + 2);
        assertThat(tierOf("TWICE-1")).isEqualTo("REGULAR");
        sendTierChange("TWICE-1", "REGULAR", "POTENTIAL", "2026-03-06T00:00:00Z");
        awaitReservationRecords("TWICE-1", 3);
        awaitOutboxDrained();

        // then only the real changes were published: the KEY protection, its release, the POTENTIAL share
        List<ConsumerRecord<String, String>> records = reservationRecords("TWICE-1");
        assertThat(records).extracting(r -> json(r.value()).get("cause").asString() + " " + json(r.value()).get("tier").asString())
                .containsExactly("TIER_CHANGED KEY", "RELEASED REGULAR", "TIER_CHANGED POTENTIAL");
        assertReservation(api.get("/api/v1/reservations?accountId=TWICE-1", "ANALYST").json().get(0),
                "TWICE-1", "SKU-TWICE-1", "POTENTIAL", 16, 10, 6);
    }

    @Test
    void anOlderTierChangeReplayedAfterANewerOneDoesNotOverwriteIt() {
        // given a KEY account (change 1) that a person overrode back to REGULAR (change 2): the same
        // business clock, so only the sequence tells which came last
        putStock("SKU-REPLAY-1", 10);
        sendSale("REPLAY-1", "SKU-REPLAY-1", 4, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("REPLAY-1", 1);
        String asOf = "2026-03-01T00:00:00Z";
        kafka.send(Topics.ACCOUNT_TIERS, "REPLAY-1",
                EventJson.tierChange("REPLAY-1", "REGULAR", "KEY", asOf).withRaw("sequence", "1").json());
        awaitReservationRecords("REPLAY-1", 1);
        kafka.send(Topics.ACCOUNT_TIERS, "REPLAY-1",
                EventJson.tierChange("REPLAY-1", "KEY", "REGULAR", asOf).withRaw("sequence", "2").json());
        awaitReservationRecords("REPLAY-1", 2);

        // when change 1 comes back under another event id, then change 3 makes it POTENTIAL
        double stale = staleTierChanges();
        kafka.send(Topics.ACCOUNT_TIERS, "REPLAY-1",
                EventJson.tierChange("REPLAY-1", "REGULAR", "KEY", asOf).withRaw("sequence", "1").json());
        await().atMost(Duration.ofSeconds(30)).until(() -> staleTierChanges() == stale + 1);
        assertThat(tierOf("REPLAY-1")).isEqualTo("REGULAR");
        kafka.send(Topics.ACCOUNT_TIERS, "REPLAY-1",
                EventJson.tierChange("REPLAY-1", "REGULAR", "POTENTIAL", asOf).withRaw("sequence", "3").json());
        awaitReservationRecords("REPLAY-1", 3);
        awaitOutboxDrained();

        // then the replayed change protected nothing again
        assertThat(reservationRecords("REPLAY-1"))
                .extracting(r -> json(r.value()).get("cause").asString() + " " + json(r.value()).get("tier").asString())
                .containsExactly("TIER_CHANGED KEY", "RELEASED REGULAR", "TIER_CHANGED POTENTIAL");
    }

    @Test
    void aMalformedSaleGoesToTheDeadLetterTopicAndTheNextSaleIsStillProcessed() {
        // given a KEY account, then a record that is not JSON and a sale with a wrong quantity
        putStock("SKU-POISON-S", 10);
        sendTierChange("POISON-S", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        awaitTier("POISON-S", "KEY");
        kafka.send(Topics.SALES, "POISON-S", "{not json");
        kafka.send(Topics.SALES, "POISON-S",
                EventJson.sale("POISON-S", "SKU-POISON-S", 1, "2026-03-01T00:00:00Z").withRaw("quantity", "\"x\"").json());

        // when a good sale follows
        sendSale("POISON-S", "SKU-POISON-S", 3, "2026-03-01T00:00:00Z");

        // then both bad records are dead-lettered with the reason, naming the field
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(DLQ, 2, r -> "POISON-S".equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).contains("$: not valid JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("quantity: must be an integer"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-original-topic")).containsOnly(Topics.SALES);

        // and the good sale behind them was processed
        assertReservationChanged(json(awaitReservationRecords("POISON-S", 1).get(0).value()),
                "POISON-S", "SKU-POISON-S", "KEY", 24, 10, 14, "SALE");
    }

    @Test
    void aMalformedTierChangeGoesToTheDeadLetterTopicAndTheNextOneIsStillProcessed() {
        // given a customer's sale, then a tier change to a tier that does not exist and one without asOf
        putStock("SKU-POISON-T", 10);
        sendSale("POISON-T", "SKU-POISON-T", 2, "2026-03-01T00:00:00Z");
        awaitSalesRecorded("POISON-T", 1);
        kafka.send(Topics.ACCOUNT_TIERS, "POISON-T",
                EventJson.tierChange("POISON-T", "REGULAR", "GOLD", "2026-03-01T00:00:00Z").json());
        kafka.send(Topics.ACCOUNT_TIERS, "POISON-T",
                EventJson.tierChange("POISON-T", "REGULAR", "KEY", "2026-03-01T00:00:00Z").without("asOf").json());

        // when a good tier change follows
        sendTierChange("POISON-T", "REGULAR", "KEY", "2026-03-01T00:00:00Z");

        // then both bad records are dead-lettered with the reason, naming the field
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(DLQ, 2, r -> "POISON-T".equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).contains("to: must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'"))
                .anySatisfy(reason -> assertThat(reason).contains("asOf: is required"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-original-topic")).containsOnly(Topics.ACCOUNT_TIERS);

        // and the good one behind them was processed
        assertReservationChanged(json(awaitReservationRecords("POISON-T", 1).get(0).value()),
                "POISON-T", "SKU-POISON-T", "KEY", 16, 10, 6, "TIER_CHANGED");
    }

    @Test
    void aSupplyPlannerCreatesAndUpdatesAProduct() {
        TestApi.Response created = api.put("/api/v1/products/SKU-REST-1",
                "{\"name\":\"Bearing 6204\",\"productLine\":\"Bearings\",\"onHand\":40}", "SUPPLY");
        TestApi.Response updated = api.put("/api/v1/products/SKU-REST-1",
                "{\"name\":\"Bearing 6204-2RS\",\"onHand\":0}", "ADMIN");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("sku").asString()).isEqualTo("SKU-REST-1");
        assertThat(created.json().get("productLine").asString()).isEqualTo("Bearings");
        assertThat(created.json().get("onHand").asInt()).isEqualTo(40);
        assertThat(updated.status()).isEqualTo(200);
        JsonNode product = api.get("/api/v1/products/SKU-REST-1", "ANALYST").json();
        assertThat(product.get("name").asString()).isEqualTo("Bearing 6204-2RS");
        assertThat(product.get("productLine").isNull()).isTrue();
        assertThat(product.get("onHand").asInt()).isZero();
        assertThat(Instant.parse(product.get("updatedAt").asString())).isNotNull();
        assertThat(api.get("/api/v1/products?size=500", "ANALYST").json().findValuesAsString("sku"))
                .contains("SKU-REST-1");
    }

    @Test
    void aProductsLineAndTechnicalFlagArePublishedWhenListedAndWhenTheyChangeNotWhenStockDoes() {
        // when a planner lists a technical product, recounts its stock, then moves it to another line
        api.put("/api/v1/products/SKU-LINE-1",
                "{\"name\":\"Servo drive\",\"productLine\":\"Drives\",\"technical\":true,\"onHand\":5}", "SUPPLY");
        api.put("/api/v1/products/SKU-LINE-1",
                "{\"name\":\"Servo drive\",\"productLine\":\"Drives\",\"technical\":true,\"onHand\":9}", "SUPPLY");
        api.put("/api/v1/products/SKU-LINE-1",
                "{\"name\":\"Servo drive\",\"productLine\":\"Motion\",\"technical\":true,\"onHand\":9}", "SUPPLY");

        // then ProductDetailsChanged announces the listing and the move, keyed by SKU, not the recount
        List<ConsumerRecord<String, String>> changes = kafka.awaitRecords(Topics.PRODUCTS, 2,
                r -> "SKU-LINE-1".equals(r.key()));
        changes.forEach(r -> EventContracts.assertConforms("product-details-changed.v1.schema.json", r.value()));
        assertThat(changes).extracting(r -> json(r.value()).get("productLine").asString() + ":"
                + json(r.value()).get("technical").asBoolean()).containsExactly("Drives:true", "Motion:true");
        assertThat(KafkaProbe.header(changes.get(0), "kam-event-type")).isEqualTo("ProductDetailsChanged");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(kafka.records(Topics.PRODUCTS))
                        .filteredOn(r -> "SKU-LINE-1".equals(r.key())).hasSize(2));
    }

    @Test
    void negativeStockIsRejectedNamingTheField() {
        TestApi.Response response = api.put("/api/v1/products/SKU-REST-2", "{\"name\":\"Seal\",\"onHand\":-1}", "SUPPLY");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("onHand");
        assertThat(response.json().get("detail").asString()).startsWith("onHand: ");
        assertThat(api.get("/api/v1/products/SKU-REST-2", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void aProductWithoutANameOrStockIsRejectedNamingTheField() {
        TestApi.Response noName = api.put("/api/v1/products/SKU-REST-3", "{\"onHand\":3}", "SUPPLY");
        TestApi.Response noStock = api.put("/api/v1/products/SKU-REST-3", "{\"name\":\"Seal\"}", "SUPPLY");

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(noStock.status()).isEqualTo(400);
        assertThat(noStock.json().get("errors").get(0).get("field").asString()).isEqualTo("onHand");
    }

    @Test
    void stockThatIsNotAWholeNumberIsRejectedNamingTheField() {
        for (String onHand : new String[] { "\"ten\"", "1.5", "99999999999" }) {
            TestApi.Response response = api.put("/api/v1/products/SKU-REST-4",
                    "{\"name\":\"Seal\",\"onHand\":" + onHand + "}", "SUPPLY");

            assertThat(response.status()).as(onHand).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString()).as(onHand).isEqualTo("onHand");
        }
        assertThat(api.put("/api/v1/products/SKU-REST-4", "{\"name\":", "SUPPLY").json()
                .get("errors").get(0).get("field").asString()).isEqualTo("$");
    }

    @Test
    void anUnknownProductIsNotFound() {
        TestApi.Response response = api.get("/api/v1/products/SKU-NOBODY-HAS", "ANALYST");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("No product SKU-NOBODY-HAS");
    }

    @Test
    void theApiNeedsATokenAndTheRightRole() {
        String product = "{\"name\":\"Seal\",\"onHand\":1}";

        assertThat(api.put("/api/v1/products/SKU-ROLE-1", product).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/products").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/products/SKU-ROLE-1").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/reservations").status()).isEqualTo(401);
        assertThat(api.put("/api/v1/products/SKU-ROLE-1", product, "ANALYST").status()).isEqualTo(403);
        assertThat(api.put("/api/v1/products/SKU-ROLE-1", product, "SALES", "KAM").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/reservations", "ANALYST").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/products", "KAM").status()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsStayOpenForProbes() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        TestApi.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"supply-service\"").contains("kam_reservations_shortage_units");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private TestApi.Response putStock(String sku, int onHand) {
        TestApi.Response response = api.put("/api/v1/products/" + sku,
                "{\"name\":\"Product " + sku + "\",\"productLine\":\"Bearings\",\"onHand\":" + onHand + "}", "SUPPLY");
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    /** Every sale and tier change this test sends through the helpers is first checked against its contract. */
    @Override
    protected String send(String topic, String key, EventJson event) {
        EventContracts.assertConforms(Topics.SALES.equals(topic) ? "sale.v1.schema.json" : "tier-changed.v1.schema.json",
                event.json());
        return super.send(topic, key, event);
    }

    private static ConsumerRecord<String, String> bySku(List<ConsumerRecord<String, String>> records, String sku) {
        return records.stream().filter(r -> sku.equals(json(r.value()).get("sku").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("No ReservationChanged for " + sku + " in " + records));
    }

    private static void assertReservationChanged(JsonNode event, String accountId, String sku, String tier,
            int requested, int reserved, int shortage, String cause) {
        assertThat(event.propertyNames()).containsExactlyInAnyOrder("eventId", "occurredAt", "accountId", "sku",
                "tier", "requested", "reserved", "shortage", "cause");
        assertThat(UUID.fromString(event.get("eventId").asString())).isNotNull();
        assertThat(Instant.parse(event.get("occurredAt").asString())).isNotNull();
        assertThat(event.get("accountId").asString()).isEqualTo(accountId);
        assertReservationChangedFields(event, sku, tier, requested, reserved, shortage, cause);
    }

    private static void assertReservation(JsonNode reservation, String accountId, String sku, String tier,
            int requested, int reserved, int shortage) {
        assertThat(reservation.get("accountId").asString()).isEqualTo(accountId);
        assertThat(reservation.get("sku").asString()).isEqualTo(sku);
        assertThat(reservation.get("tier").asString()).isEqualTo(tier);
        assertThat(reservation.get("requested").asInt()).isEqualTo(requested);
        assertThat(reservation.get("reserved").asInt()).isEqualTo(reserved);
        assertThat(reservation.get("shortage").asInt()).isEqualTo(shortage);
    }

    private double duplicatesSkipped() {
        var counter = meters.find("kam.inbox.duplicates.skipped").tag("consumer", "supply-service.account-tiers").counter();
        return counter == null ? 0 : counter.count();
    }

    private double staleTierChanges() {
        return meters.get("kam.supply.tier.changes.stale").counter().count();
    }

    private String tierOf(String accountId) {
        return jdbc.queryForObject("select tier from account_tier where account_id = ?", String.class, accountId);
    }
}
