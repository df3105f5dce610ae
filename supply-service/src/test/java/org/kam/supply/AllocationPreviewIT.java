package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** The dry run of an order against the stock and protections as they are, changing nothing. */
@TestPropertySource(properties = "kam.test.context=allocation-preview")
class AllocationPreviewIT extends SupplyIntegrationTest {

    @Test
    void aPreviewShowsAKeyAccountKeepsItsProtectionWhileARegularOrderWouldBeBackordered() {
        // given 100 units of P-1, 60 of them protected for key account K (the stock level agreed with it)
        assertThat(putProduct("P-1", "Pump", 100).status()).isEqualTo(201);
        sendTierChange("K", "REGULAR", "KEY", "2026-10-01T10:00:00Z");
        awaitTier("K", "KEY");
        TestApi.Response agreed = api.put("/api/v1/accounts/K/agreed-stock/P-1", "{\"units\":60}", "SUPPLY");
        assertThat(agreed.status()).as(agreed.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/reservations?accountId=K&sku=P-1", "ANALYST").json().get(0).get("reserved").asInt())
                .isEqualTo(60);

        // when a regular account's order of 90 is previewed
        JsonNode regular = preview("{\"sku\":\"P-1\",\"accountId\":\"R\",\"quantity\":90}");

        // then it would get the 40 free units and wait for 50; K's 60 are not touched
        assertThat(regular.get("tier").asString()).isEqualTo("REGULAR");
        assertThat(regular.get("fromProtection").asInt()).isZero();
        assertThat(regular.get("fromFreeStock").asInt()).isEqualTo(40);
        assertThat(regular.get("backordered").asInt()).isEqualTo(50);
        assertThat(regular.get("stock").get("protectedForOthers").asInt()).isEqualTo(60);

        // and K's own order of 70 would come from its protection first, then free stock
        JsonNode key = preview("{\"sku\":\"P-1\",\"accountId\":\"K\",\"quantity\":70}");
        assertThat(key.get("tier").asString()).isEqualTo("KEY");
        assertThat(key.get("fromProtection").asInt()).isEqualTo(60);
        assertThat(key.get("fromFreeStock").asInt()).isEqualTo(10);
        assertThat(key.get("keyAccountStockOut").asBoolean()).isFalse();

        // and nothing changed
        assertThat(api.get("/api/v1/products/P-1", "ANALYST").json().get("onHand").asInt()).isEqualTo(100);
        assertThat(api.get("/api/v1/reservations?accountId=K&sku=P-1", "ANALYST").json().get(0).get("reserved").asInt())
                .isEqualTo(60);
    }

    @Test
    void aPreviewNeedsAKnownSkuAndAPositiveQuantity() {
        assertThat(firstField(api.post("/api/v1/allocations/preview",
                "{\"sku\":\"NOPE\",\"accountId\":\"R\",\"quantity\":1}", "ANALYST"))).isEqualTo("sku");
        assertThat(firstField(api.post("/api/v1/allocations/preview",
                "{\"sku\":\"P-1\",\"accountId\":\"R\",\"quantity\":0}", "ANALYST"))).isEqualTo("quantity");
        assertThat(api.post("/api/v1/allocations/preview", "{\"sku\":\"P-1\",\"accountId\":\"R\",\"quantity\":1}")
                .status()).isEqualTo(401);
    }

    private JsonNode preview(String order) {
        TestApi.Response response = api.post("/api/v1/allocations/preview", order, "ANALYST");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
