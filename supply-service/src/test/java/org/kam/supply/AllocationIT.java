package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Sales served from stock through the topics: own protection first, then free stock, backorders
 * served in tier order when supply arrives, and key-account stock-outs announced with their cause.
 * Each test uses its own SKUs and accounts.
 */
@TestPropertySource(properties = "kam.test.context=allocation")
class AllocationIT extends SupplyIntegrationTest {

    @Test
    void aKeyAccountKeepsItsProtectedStockWhileARegularAccountsLargeOrderArrives() {
        // given 100 of AL-1 in stock, 60 of them protected for key account AL-K
        putProduct("AL-1", "AL-1", 100);
        protectFor("AL-K", "AL-1", 60);

        // when a regular account orders 90
        String order = sale("AL-R", "AL-1", 90, now());

        // then it gets the 40 free units and waits for 50, while AL-K keeps its 60
        JsonNode served = awaitOrder("AL-R", order);
        assertOrder(served, "REGULAR", 90, 0, 40, 0, 50);
        assertThat(reserved("AL-K", "AL-1")).isEqualTo(60);
        assertThat(onHand("AL-1")).isEqualTo(60);
        assertThat(api.get("/api/v1/backorders?sku=AL-1", "ANALYST").json().findValuesAsString("orderId"))
                .containsExactly(order);

        // and when AL-K orders 70, it is served 60 from its protection and 10 from stock arriving later
        String keyOrder = sale("AL-K", "AL-1", 70, now());
        assertOrder(awaitOrder("AL-K", keyOrder), "KEY", 70, 60, 0, 0, 10);
        assertThat(onHand("AL-1")).isZero();
        ConsumerRecord<String, String> stockOut = awaitStockOut("AL-K");
        assertStockOut(stockOut, "AL-1", keyOrder, 70, 60, 10, "ORDER_ABOVE_STOCK", 60, 60, 0);
    }

    @Test
    void aShortageIsServedInTierOrderWhenSupplyArrives() {
        // given nothing of SH-1 in stock and a key, a potential and a regular account
        putProduct("SH-1", "SH-1", 0);
        tier("SH-K", "KEY");
        tier("SH-P", "POTENTIAL");
        tier("SH-R", "REGULAR");
        awaitTiers(3, "SH-%");

        // when the regular account orders first, then the potential one, then the key one
        Instant t = now();
        String regular = sale("SH-R", "SH-1", 10, t);
        String potential = sale("SH-P", "SH-1", 10, t.plusSeconds(1));
        String key = sale("SH-K", "SH-1", 10, t.plusSeconds(2));

        // then all wait, and the key account's stock-out is news
        assertOrder(awaitOrder("SH-R", regular), "REGULAR", 10, 0, 0, 0, 10);
        assertOrder(awaitOrder("SH-P", potential), "POTENTIAL", 10, 0, 0, 0, 10);
        assertOrder(awaitOrder("SH-K", key), "KEY", 10, 0, 0, 0, 10);
        assertStockOut(awaitStockOut("SH-K"), "SH-1", key, 10, 0, 10, "NO_STOCK", 0, 0, 0);
        assertThat(api.get("/api/v1/backorders?sku=SH-1", "ANALYST").json().findValuesAsString("orderId"))
                .containsExactly(key, potential, regular);

        // and a preview of 25 arriving says what the arrival will do
        JsonNode preview = previewArrival("SH-1", 25);
        assertThat(preview.get("served").findValuesAsString("orderId")).containsExactly(key, potential);
        assertThat(preview.get("served").findValues("fromFreeStock").stream().map(JsonNode::asInt))
                .containsExactly(10, 10);
        assertThat(preview.get("protections").findValuesAsString("accountId")).containsExactly("SH-K");
        assertThat(preview.get("protections").get(0).get("reservedAfter").asInt()).isEqualTo(5);
        assertThat(preview.get("backorderedAfter").asInt()).isEqualTo(10);
        assertThat(onHand("SH-1")).isZero();

        // when 25 arrive
        receive("SH-1", 25);

        // then the key order is served first, then the potential one; the 5 left go to the
        // protection the key account's buying earned it (10 a week, 80 for 8 weeks), so the regular
        // order keeps waiting
        assertOrder(order("SH-K", key), "KEY", 10, 0, 0, 10, 0);
        assertOrder(order("SH-P", potential), "POTENTIAL", 10, 0, 0, 10, 0);
        assertOrder(order("SH-R", regular), "REGULAR", 10, 0, 0, 0, 10);
        assertThat(reserved("SH-K", "SH-1")).isEqualTo(5);
        assertThat(onHand("SH-1")).isEqualTo(5);
    }

    @Test
    void aKeyAccountFindingAllStockProtectedForOthersIsAStockOut() {
        // given 30 of SO-1, all protected for key account SO-K1
        putProduct("SO-1", "SO-1", 30);
        protectFor("SO-K1", "SO-1", 30);
        tier("SO-K2", "KEY");
        awaitTiers(1, "SO-K2");

        // when another key account orders 5
        String order = sale("SO-K2", "SO-1", 5, now());

        // then it waits: stock protected for one account is never given to another
        assertOrder(awaitOrder("SO-K2", order), "KEY", 5, 0, 0, 0, 5);
        assertStockOut(awaitStockOut("SO-K2"), "SO-1", order, 5, 0, 5, "STOCK_PROTECTED_FOR_OTHERS", 30, 0, 30);
        assertThat(reserved("SO-K1", "SO-1")).isEqualTo(30);
    }

    @Test
    void salesBeforeTheStockCountAndOfProductsNotStockedTakeNothingAndASaleDeliveredTwiceTakesOnce() {
        // given 50 of HX-1 counted now
        putProduct("HX-1", "HX-1", 50);

        // when a sale dated before the count, a sale of something the catalogue does not stock, and
        // one sale delivered twice arrive
        sale("HX-R", "HX-1", 7, now().minus(Duration.ofDays(3)));
        sale("HX-R", "SERVICE-VISIT", 1, now());
        EventJson twice = EventJson.sale("HX-R", "HX-1", 4, now().toString());
        kafka.send(Topics.SALES, "HX-R", twice.json());
        kafka.send(Topics.SALES, "HX-R", twice.json());
        String last = sale("HX-R", "SERVICE-VISIT", 1, now()); // same key: applied after the duplicate

        // then only the sale after the count takes stock, once
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from sale_line where event_id = ?::uuid", Integer.class, last) == 1);
        assertThat(jdbc.queryForObject("select count(*) from sale_line where account_id = 'HX-R'", Integer.class))
                .isEqualTo(4);
        assertThat(api.get("/api/v1/orders?accountId=HX-R", "ANALYST").json().findValuesAsString("orderId"))
                .containsExactly(twice.eventId());
        assertThat(onHand("HX-1")).isEqualTo(46);
    }

    @Test
    void previewsAndBackordersNeedAKnownSkuAndAPreviewEitherAnOrderOrAnArrival() {
        assertThat(firstField(api.post("/api/v1/allocations/preview", "{\"sku\":\"NOPE\",\"arriving\":5}", "ANALYST")))
                .isEqualTo("sku");
        assertThat(firstField(api.post("/api/v1/allocations/preview", "{\"sku\":\"NOPE\"}", "ANALYST")))
                .isEqualTo("accountId");
        assertThat(firstField(api.post("/api/v1/allocations/preview",
                "{\"sku\":\"NOPE\",\"accountId\":\"A\",\"quantity\":1,\"arriving\":5}", "ANALYST")))
                .isEqualTo("arriving");
        assertThat(firstField(api.post("/api/v1/allocations/preview", "{\"sku\":\"NOPE\",\"arriving\":0}", "ANALYST")))
                .isEqualTo("arriving");
        assertThat(firstField(api.get("/api/v1/backorders?sku=NOPE", "ANALYST"))).isEqualTo("sku");
        assertThat(api.get("/api/v1/orders").status()).isEqualTo(401);
    }

    // --- given ------------------------------------------------------------------------------------

    /** Makes {@code units} of the SKU protected for the account: a KEY account with an agreed stock level. */
    private void protectFor(String accountId, String sku, int units) {
        tier(accountId, "KEY");
        awaitTiers(1, accountId);
        TestApi.Response agreed = api.put("/api/v1/accounts/" + accountId + "/agreed-stock/" + sku,
                "{\"units\":" + units + "}", "KAM_LEAD");
        assertThat(agreed.status()).as(agreed.body()).isEqualTo(200);
        assertThat(reserved(accountId, sku)).isEqualTo(units);
    }

    private void tier(String accountId, String to) {
        sendTierChange(accountId, "REGULAR", to, now().toString());
    }

    private void awaitTiers(int count, String accountPattern) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from account_tier where account_id like ?", Integer.class, accountPattern) == count);
    }

    private String sale(String accountId, String sku, int quantity, Instant at) {
        return sendSale(accountId, sku, quantity, at.toString());
    }

    private void receive(String sku, int units) {
        TestApi.Response expected = api.post("/api/v1/incoming-supply", """
                {"kind":"SHIPMENT","sku":"%s","warehouseId":"MAIN","quantity":%d,"dueOn":"%s"}"""
                .formatted(sku, units, LocalDate.now(ZoneOffset.UTC).plusDays(1)), "SUPPLY");
        assertThat(expected.status()).as(expected.body()).isEqualTo(201);
        TestApi.Response received = api.post("/api/v1/incoming-supply/" + expected.json().get("id").asString()
                + "/receive", "", "SUPPLY");
        assertThat(received.status()).as(received.body()).isEqualTo(200);
    }

    // --- then -------------------------------------------------------------------------------------

    private JsonNode awaitOrder(String accountId, String orderId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> order(accountId, orderId) != null);
        return order(accountId, orderId);
    }

    private JsonNode order(String accountId, String orderId) {
        for (JsonNode order : api.get("/api/v1/orders?accountId=" + accountId, "ANALYST").json()) {
            if (order.get("orderId").asString().equals(orderId)) {
                return order;
            }
        }
        return null;
    }

    private static void assertOrder(JsonNode order, String tier, int quantity, int fromProtection, int fromFreeStock,
            int servedLater, int owed) {
        assertThat(order.get("tier").asString()).isEqualTo(tier);
        assertThat(List.of(order.get("quantity").asInt(), order.get("fromProtection").asInt(),
                order.get("fromFreeStock").asInt(), order.get("servedLater").asInt(), order.get("owed").asInt()))
                .as("quantity, fromProtection, fromFreeStock, servedLater, owed")
                .containsExactly(quantity, fromProtection, fromFreeStock, servedLater, owed);
    }

    private ConsumerRecord<String, String> awaitStockOut(String accountId) {
        return kafka.awaitRecord(Topics.SUPPLY_SIGNALS, r -> r.value().contains("\"accountId\":\"" + accountId + "\"")
                && "KeyAccountStockOut".equals(KafkaProbe.header(r, "kam-event-type")));
    }

    private void assertStockOut(ConsumerRecord<String, String> record, String sku, String orderId, int ordered,
            int served, int backordered, String cause, int onHand, int protectedForAccount, int protectedForOthers) {
        EventContracts.assertConforms("key-account-stock-out.v1.schema.json", record.value());
        assertThat(record.key()).isEqualTo(sku);
        JsonNode event = json(record.value());
        assertThat(event.get("orderId").asString()).isEqualTo(orderId);
        assertThat(List.of(event.get("ordered").asInt(), event.get("served").asInt(), event.get("backordered").asInt(),
                event.get("onHand").asInt(), event.get("protectedForAccount").asInt(),
                event.get("protectedForOthers").asInt()))
                .as("ordered, served, backordered, onHand, protectedForAccount, protectedForOthers")
                .containsExactly(ordered, served, backordered, onHand, protectedForAccount, protectedForOthers);
        assertThat(event.get("cause").asString()).isEqualTo(cause);
    }

    private int reserved(String accountId, String sku) {
        return jdbc.queryForList("select reserved from reservation where account_id = ? and sku = ?", Integer.class,
                accountId, sku).stream().findFirst().orElse(0);
    }

    private int onHand(String sku) {
        return api.get("/api/v1/products/" + sku, "ANALYST").json().get("onHand").asInt();
    }

    private JsonNode previewArrival(String sku, int units) {
        TestApi.Response response = api.post("/api/v1/allocations/preview",
                "{\"sku\":\"" + sku + "\",\"arriving\":" + units + "}", "ANALYST");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Instant now() {
        return Instant.now();
    }
}
