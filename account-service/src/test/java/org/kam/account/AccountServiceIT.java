package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.account.sales.SaleJson;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;

import tools.jackson.databind.JsonNode;

/**
 * account-service on a real Kafka broker and a real PostgreSQL. Every test uses its own account ids;
 * only {@link #aSaleOnTheTopicOpensTheAccountMakesItKeyAndPublishesTierChanged} uses an amount
 * large enough to decide the 80/20 ranking, so tests do not depend on each other's order.
 */
class AccountServiceIT extends ServiceIntegrationTest {

    @Test
    void aSaleOnTheTopicOpensTheAccountMakesItKeyAndPublishesTierChanged() {
        // given a customer nobody registered
        SaleJson sale = SaleJson.sale("WHALE-1", "1000000000", "2026-03-02T09:00:00Z");

        // when its first sale arrives on the topic
        kafka.send(Topics.SALES, "WHALE-1", sale.json());

        // then it is KEY, and the change is published once, conforming to the contract
        ConsumerRecord<String, String> change = kafka.awaitRecord(Topics.ACCOUNT_TIERS, r -> "WHALE-1".equals(r.key()));
        EventContracts.assertConforms("tier-changed.v1.schema.json", change.value());
        JsonNode event = json(change.value());
        assertThat(event.get("accountId").asString()).isEqualTo("WHALE-1");
        assertThat(event.get("from").asString()).isEqualTo("REGULAR");
        assertThat(event.get("to").asString()).isEqualTo("KEY");
        assertThat(event.get("cause").asString()).isEqualTo("SALE");
        assertThat(event.get("sequence").asLong()).as("orders the account's changes").isPositive();
        assertThat(event.get("causeEventId").asString()).isEqualTo(sale.eventId());
        assertThat(KafkaProbe.header(change, "kam-event-type")).isEqualTo("TierChanged");

        JsonNode account = api.get("/api/v1/accounts/WHALE-1", "ANALYST").json();
        assertThat(account.get("name").asString()).isEqualTo("WHALE-1");
        assertThat(account.get("tier").asString()).isEqualTo("KEY");
        assertThat(account.get("windowRevenue").decimalValue()).isEqualByComparingTo("1000000000");
    }

    @Test
    void aRedeliveredSaleIsCountedOnce() {
        // given a sale delivered twice, then a later sale of the same account (same partition)
        SaleJson sale = SaleJson.sale("TWICE-1", "10.50", "2026-03-01T10:00:00Z");
        kafka.send(Topics.SALES, "TWICE-1", sale.json());
        kafka.send(Topics.SALES, "TWICE-1", sale.json());
        kafka.send(Topics.SALES, "TWICE-1", SaleJson.sale("TWICE-1", "1.25", "2026-03-01T11:00:00Z").json());

        // then once the later sale is recorded, the duplicate has been skipped, not added
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestApi.Response account = api.get("/api/v1/accounts/TWICE-1", "ANALYST");
            assertThat(account.status()).isEqualTo(200);
            assertThat(account.json().get("windowRevenue").decimalValue()).isEqualByComparingTo("11.75");
        });
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextSaleIsStillRecorded() {
        // given a record that is not JSON and one with a negative quantity, followed by a good sale
        kafka.send(Topics.SALES, "POISON-1", "{not json");
        kafka.send(Topics.SALES, "POISON-1", SaleJson.sale("POISON-1", "5", "2026-03-01T10:00:00Z")
                .withRaw("quantity", "-1").json());
        kafka.send(Topics.SALES, "POISON-1", SaleJson.sale("POISON-1", "7", "2026-03-01T10:00:00Z").json());

        // then both bad records are dead-lettered with the reason, naming the field
        var dead = kafka.awaitRecords("kam.dlq.account-service.v1", 2, r -> "POISON-1".equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).contains("$: not valid JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("quantity: must be greater than 0, was -1"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-original-topic")).containsOnly(Topics.SALES);

        // and the good sale behind them was recorded
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get("/api/v1/accounts/POISON-1", "ANALYST").json().get("windowRevenue").decimalValue())
                .isEqualByComparingTo("7"));
    }

    @Test
    void aSalePostedToTheApiIsAcceptedAndPublishedOnTheSalesTopic() {
        SaleJson sale = SaleJson.sale("POSTED-1", "99.99", "2026-03-01T12:00:00Z");

        TestApi.Response response = api.post("/api/v1/sales", sale.json(), "SALES");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("eventId").asString()).isEqualTo(sale.eventId());
        ConsumerRecord<String, String> published = kafka.awaitRecord(Topics.SALES,
                r -> r.value().contains(sale.eventId()));
        assertThat(published.key()).isEqualTo("POSTED-1");
        EventContracts.assertConforms("sale.v1.schema.json", published.value());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get("/api/v1/accounts/POSTED-1", "ANALYST").status()).isEqualTo(200));
    }

    @Test
    void aBadSaleOverTheApiIsRejectedWithAProblemNamingTheField() {
        TestApi.Response response = api.post("/api/v1/sales",
                SaleJson.sale("BAD-API-1", "-3", "2026-03-01T12:00:00Z").json(), "SALES");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("detail").asString()).isEqualTo("amount: must be 0 or more, was -3");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(api.get("/api/v1/accounts/BAD-API-1", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void malformedJsonOverTheApiIsRejected() {
        TestApi.Response response = api.post("/api/v1/sales", "{\"eventId\":", "SALES");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("$");
    }

    @Test
    void theApiNeedsATokenAndTheRightRole() {
        String sale = SaleJson.sale("ROLE-1", "1", "2026-03-01T12:00:00Z").json();

        assertThat(api.post("/api/v1/sales", sale).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/sales", sale, "ANALYST").status()).isEqualTo(403);
        assertThat(api.put("/api/v1/accounts/ROLE-1", "{\"name\":\"Role Ltd\"}", "SALES").status()).isEqualTo(403);
    }

    @Test
    void healthAndMetricsStayOpenForProbes() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        TestApi.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"account-service\"");
    }

    @Test
    void anAccountManagerRegistersACustomerAndFindsItByTier() {
        TestApi.Response created = api.put("/api/v1/accounts/REG-1",
                "{\"name\":\"Nordic Bearings AB\",\"industry\":\"Machinery\",\"region\":\"Nordics\"}", "KAM");
        TestApi.Response updated = api.put("/api/v1/accounts/REG-1",
                "{\"name\":\"Nordic Bearings AB\",\"industry\":\"Machinery\",\"region\":\"Baltics\"}", "KAM");

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("region").asString()).isEqualTo("Baltics");
        assertThat(api.get("/api/v1/accounts?tier=REGULAR&q=REG-1", "ANALYST").json().get("items")
                .findValuesAsString("id")).contains("REG-1");
    }

    @Test
    void aPageSizeOutOfRangeIsRejectedNamingTheParameter() {
        TestApi.Response response = api.get("/api/v1/accounts?size=0", "ANALYST");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
    }

    @Test
    void anAccountWithoutANameIsRejectedNamingTheField() {
        TestApi.Response response = api.put("/api/v1/accounts/REG-2", "{\"industry\":\"Machinery\"}", "KAM");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }
}
