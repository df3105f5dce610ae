package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Warehouses, stock per warehouse and incoming supply, on a real Kafka broker and PostgreSQL. Every
 * test uses its own SKUs, warehouses and accounts, so tests do not depend on each other's order.
 */
@TestPropertySource(properties = "kam.test.context=incoming")
class IncomingSupplyIT extends SupplyIntegrationTest {

    @Test
    void stockIsKeptPerWarehouseAndTheProductShowsTheTotal() {
        // given a new warehouse, renamed once
        assertThat(putWarehouse("WH-NORTH", "Hamburg", "North").status()).isEqualTo(201);
        TestApi.Response renamed = putWarehouse("WH-NORTH", "Hamburg Harbour", "North");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Hamburg Harbour");
        assertThat(api.get("/api/v1/warehouses", "ANALYST").json().findValuesAsString("id"))
                .contains("MAIN", "WH-NORTH");

        // when a technical product gets 10 in the default warehouse and 5 in the new one
        TestApi.Response created = api.put("/api/v1/products/SKU-WH-1",
                "{\"name\":\"Spindle\",\"productLine\":\"Spares\",\"technical\":true,\"onHand\":10}", "SUPPLY");
        TestApi.Response north = api.put("/api/v1/products/SKU-WH-1/stock/WH-NORTH", "{\"onHand\":5}", "ADMIN");

        // then the product shows both and their sum
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("technical").asBoolean()).isTrue();
        assertThat(north.status()).isEqualTo(200);
        JsonNode product = api.get("/api/v1/products/SKU-WH-1", "ANALYST").json();
        assertThat(product.get("onHand").asInt()).isEqualTo(15);
        assertThat(product.get("technical").asBoolean()).isTrue();
        assertStock(product, "MAIN", 10, "WH-NORTH", 5);
        assertThat(product.get("incoming")).isEmpty();

        // and each change was published on kam.stock.v1 as the contract says
        List<ConsumerRecord<String, String>> records = awaitStockRecords("SKU-WH-1", 2);
        assertStockChanged(records.get(0), "SKU-WH-1", "MAIN", 10, 10, "ADJUSTED");
        assertStockChanged(records.get(1), "SKU-WH-1", "WH-NORTH", 5, 15, "ADJUSTED");
    }

    @Test
    void aProductionOrderIsExpectedThenReceivedAndFillsAKeyAccountsShortage() {
        // given 5 in stock and a KEY account with a stock level of 12 agreed, so 7 are short
        putWarehouse("WH-PLANT", "Plant", "South");
        putProduct("SKU-IN-1", 5);
        sendTierChange("IN-KEY-1", "REGULAR", "KEY", "2026-03-01T00:00:00Z");
        awaitTier("IN-KEY-1", "KEY");
        assertThat(api.put("/api/v1/accounts/IN-KEY-1/agreed-stock/SKU-IN-1", "{\"units\":12}", "SUPPLY").status())
                .isEqualTo(200);
        assertReservationChanged(awaitReservationRecords("IN-KEY-1", 1).get(0), 12, 5, "AGREED_LEVEL");

        // when a production order of 20 into the plant is announced
        LocalDate dueOn = today().plusDays(14);
        TestApi.Response expected = api.post("/api/v1/incoming-supply", supply("PRODUCTION_ORDER", "SKU-IN-1",
                "WH-PLANT", "20", dueOn.toString()), "SUPPLY");

        // then it is expected, shown on the product and announced
        assertThat(expected.status()).as(expected.body()).isEqualTo(201);
        String id = expected.json().get("id").asString();
        assertThat(expected.header("Location")).isEqualTo("/api/v1/incoming-supply/" + id);
        assertSupply(expected.json(), id, "PRODUCTION_ORDER", "SKU-IN-1", "WH-PLANT", 20, dueOn, "EXPECTED");
        assertThat(expected.json().get("receivedAt").isNull()).isTrue();
        JsonNode incoming = api.get("/api/v1/products/SKU-IN-1", "KAM").json().get("incoming");
        assertThat(incoming).hasSize(1);
        assertSupply(incoming.get(0), id, "PRODUCTION_ORDER", "SKU-IN-1", "WH-PLANT", 20, dueOn, "EXPECTED");
        ConsumerRecord<String, String> announced = awaitStockRecords("SKU-IN-1", 2).get(1);
        EventContracts.assertConforms("supply-expected.v1.schema.json", announced.value());
        assertThat(KafkaProbe.header(announced, "kam-event-type")).isEqualTo("SupplyExpected");
        JsonNode event = json(announced.value());
        assertThat(event.propertyNames()).containsExactlyInAnyOrder("eventId", "occurredAt", "supplyId", "kind",
                "sku", "warehouseId", "quantity", "dueOn");
        assertThat(event.get("supplyId").asString()).isEqualTo(id);
        assertThat(event.get("kind").asString()).isEqualTo("PRODUCTION_ORDER");
        assertThat(event.get("sku").asString()).isEqualTo("SKU-IN-1");
        assertThat(event.get("warehouseId").asString()).isEqualTo("WH-PLANT");
        assertThat(event.get("quantity").asInt()).isEqualTo(20);
        assertThat(event.get("dueOn").asString()).isEqualTo(dueOn.toString());

        // when it arrives
        TestApi.Response received = api.post("/api/v1/incoming-supply/" + id + "/receive", "", "SUPPLY");

        // then the plant's stock and the SKU's total rise, and the key account's shortage is filled
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        assertSupply(received.json(), id, "PRODUCTION_ORDER", "SKU-IN-1", "WH-PLANT", 20, dueOn, "RECEIVED");
        assertThat(received.json().get("receivedAt").asString()).isNotBlank();
        JsonNode product = api.get("/api/v1/products/SKU-IN-1", "ANALYST").json();
        assertThat(product.get("onHand").asInt()).isEqualTo(25);
        assertStock(product, "MAIN", 5, "WH-PLANT", 20);
        assertThat(product.get("incoming")).isEmpty();
        assertStockChanged(awaitStockRecords("SKU-IN-1", 3).get(2), "SKU-IN-1", "WH-PLANT", 20, 25, "RECEIVED");
        assertReservationChanged(awaitReservationRecords("IN-KEY-1", 2).get(1), 12, 12, "STOCK_CHANGED");
        assertThat(api.get("/api/v1/incoming-supply?sku=SKU-IN-1", "ANALYST").json().findValuesAsString("status"))
                .containsExactly("RECEIVED");

        // and receiving it again is refused and changes nothing
        TestApi.Response again = api.post("/api/v1/incoming-supply/" + id + "/receive", "", "SUPPLY");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asString())
                .isEqualTo("Incoming supply " + id + " is RECEIVED, not EXPECTED");
        assertThat(api.get("/api/v1/products/SKU-IN-1", "ANALYST").json().get("onHand").asInt()).isEqualTo(25);
    }

    @Test
    void supplyForAnUnknownProductOrWarehouseOfNothingOrDueInThePastIsRefusedNamingTheField() {
        putWarehouse("WH-BAD", "Depot", null);
        putProduct("SKU-BAD-1", 3);
        String tomorrow = today().plusDays(1).toString();

        assertThat(refusedField(supply("SHIPMENT", "SKU-NOBODY-HAS", "WH-BAD", "5", tomorrow)))
                .isEqualTo("sku: no product SKU-NOBODY-HAS");
        assertThat(refusedField(supply("SHIPMENT", "SKU-BAD-1", "WH-NOWHERE", "5", tomorrow)))
                .isEqualTo("warehouseId: no warehouse WH-NOWHERE");
        assertThat(refusedField(supply("SHIPMENT", "SKU-BAD-1", "WH-BAD", "0", tomorrow)))
                .isEqualTo("quantity: must be greater than 0, was 0");
        assertThat(refusedField(supply("SHIPMENT", "SKU-BAD-1", "WH-BAD", "-4", tomorrow)))
                .isEqualTo("quantity: must be greater than 0, was -4");
        LocalDate yesterday = today().minusDays(1);
        assertThat(refusedField(supply("SHIPMENT", "SKU-BAD-1", "WH-BAD", "5", yesterday.toString())))
                .isEqualTo("dueOn: must be today (" + today() + ") or later, was " + yesterday);
        assertThat(refusedField(supply("BARGE", "SKU-BAD-1", "WH-BAD", "5", tomorrow))).startsWith("kind: ");
        assertThat(refusedField(supply("SHIPMENT", "SKU-BAD-1", "WH-BAD", "5", "soon")))
                .startsWith("dueOn: ");

        // nothing was stored or announced
        assertThat(api.get("/api/v1/incoming-supply?sku=SKU-BAD-1", "ANALYST").json()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from incoming_supply where warehouse_id = 'WH-BAD'",
                Integer.class)).isZero();
        awaitOutboxDrained();
        assertThat(kafka.records(Topics.STOCK).stream().filter(r -> "SKU-BAD-1".equals(r.key()))
                .map(r -> KafkaProbe.header(r, "kam-event-type"))).containsExactly("StockChanged");
    }

    @Test
    void negativeStockOrAnUnknownProductOrWarehouseChangesNoStock() {
        putWarehouse("WH-NEG", "Depot", "West");
        putProduct("SKU-NEG-1", 7);

        TestApi.Response negative = api.put("/api/v1/products/SKU-NEG-1/stock/WH-NEG", "{\"onHand\":-1}", "SUPPLY");
        TestApi.Response unknownSku = api.put("/api/v1/products/SKU-NOBODY-HAS/stock/WH-NEG", "{\"onHand\":1}", "SUPPLY");
        TestApi.Response unknownWarehouse = api.put("/api/v1/products/SKU-NEG-1/stock/WH-NOWHERE", "{\"onHand\":1}",
                "SUPPLY");
        TestApi.Response unknownSupply = api.post("/api/v1/incoming-supply/" + UUID.randomUUID() + "/receive", "",
                "SUPPLY");

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("errors").get(0).get("field").asString()).isEqualTo("onHand");
        assertThat(unknownSku.status()).isEqualTo(404);
        assertThat(unknownSku.json().get("detail").asString()).isEqualTo("No product SKU-NOBODY-HAS");
        assertThat(unknownWarehouse.status()).isEqualTo(404);
        assertThat(unknownWarehouse.json().get("detail").asString()).isEqualTo("No warehouse WH-NOWHERE");
        assertThat(unknownSupply.status()).isEqualTo(404);
        JsonNode product = api.get("/api/v1/products/SKU-NEG-1", "ANALYST").json();
        assertThat(product.get("onHand").asInt()).isEqualTo(7);
        assertStock(product, "MAIN", 7);
    }

    @Test
    void onlySupplyPlannersAndAdminsChangeWarehousesStockAndSupply() {
        String supply = supply("SHIPMENT", "SKU-ROLE-1", "MAIN", "1", today().toString());

        assertThat(api.get("/api/v1/warehouses").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/incoming-supply").status()).isEqualTo(401);
        assertThat(api.put("/api/v1/warehouses/WH-ROLE", "{\"name\":\"X\"}", "ANALYST").status()).isEqualTo(403);
        assertThat(api.put("/api/v1/products/SKU-ROLE-1/stock/MAIN", "{\"onHand\":1}", "KAM").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/incoming-supply", supply, "SALES").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/incoming-supply/" + UUID.randomUUID() + "/receive", "", "ANALYST").status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/warehouses", "KAM").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/incoming-supply", "KAM").status()).isEqualTo(200);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private TestApi.Response putWarehouse(String id, String name, String region) {
        String body = "{\"name\":\"" + name + "\",\"region\":" + (region == null ? "null" : "\"" + region + "\"") + "}";
        TestApi.Response response = api.put("/api/v1/warehouses/" + id, body, "SUPPLY");
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    private static String supply(String kind, String sku, String warehouseId, String quantity, String dueOn) {
        return "{\"kind\":\"" + kind + "\",\"sku\":\"" + sku + "\",\"warehouseId\":\"" + warehouseId
                + "\",\"quantity\":" + quantity + ",\"dueOn\":\"" + dueOn + "\"}";
    }

    /** Posts supply that must be refused; answers "field: problem" of the 400 ProblemDetail. */
    private String refusedField(String supply) {
        return firstError(api.post("/api/v1/incoming-supply", supply, "SUPPLY"));
    }

    private List<ConsumerRecord<String, String>> awaitStockRecords(String sku, int count) {
        return kafka.awaitRecords(Topics.STOCK, count, r -> sku.equals(r.key()));
    }

    private static void assertStock(JsonNode product, Object... warehouseAndOnHand) {
        JsonNode stock = product.get("stock");
        assertThat(stock).hasSize(warehouseAndOnHand.length / 2);
        for (int i = 0; i < warehouseAndOnHand.length; i += 2) {
            assertThat(stock.get(i / 2).get("warehouseId").asString()).isEqualTo(warehouseAndOnHand[i]);
            assertThat(stock.get(i / 2).get("onHand").asInt()).isEqualTo(warehouseAndOnHand[i + 1]);
        }
    }

    private static void assertSupply(JsonNode supply, String id, String kind, String sku, String warehouseId,
            int quantity, LocalDate dueOn, String status) {
        assertThat(supply.get("id").asString()).isEqualTo(id);
        assertThat(supply.get("kind").asString()).isEqualTo(kind);
        assertThat(supply.get("sku").asString()).isEqualTo(sku);
        assertThat(supply.get("warehouseId").asString()).isEqualTo(warehouseId);
        assertThat(supply.get("quantity").asInt()).isEqualTo(quantity);
        assertThat(supply.get("dueOn").asString()).isEqualTo(dueOn.toString());
        assertThat(supply.get("status").asString()).isEqualTo(status);
    }

    private static void assertStockChanged(ConsumerRecord<String, String> record, String sku, String warehouseId,
            int onHand, int skuOnHand, String cause) {
        EventContracts.assertConforms("stock-changed.v1.schema.json", record.value());
        assertThat(KafkaProbe.header(record, "kam-event-type")).isEqualTo("StockChanged");
        JsonNode event = json(record.value());
        assertThat(event.propertyNames()).containsExactlyInAnyOrder("eventId", "occurredAt", "sku", "warehouseId",
                "onHand", "skuOnHand", "cause");
        assertThat(event.get("sku").asString()).isEqualTo(sku);
        assertThat(event.get("warehouseId").asString()).isEqualTo(warehouseId);
        assertThat(event.get("onHand").asInt()).isEqualTo(onHand);
        assertThat(event.get("skuOnHand").asInt()).isEqualTo(skuOnHand);
        assertThat(event.get("cause").asString()).isEqualTo(cause);
    }

    private static void assertReservationChanged(ConsumerRecord<String, String> record, int requested, int reserved,
            String cause) {
        EventContracts.assertConforms("reservation-changed.v1.schema.json", record.value());
        JsonNode event = json(record.value());
        assertThat(event.get("requested").asInt()).isEqualTo(requested);
        assertThat(event.get("reserved").asInt()).isEqualTo(reserved);
        assertThat(event.get("cause").asString()).isEqualTo(cause);
    }
}
