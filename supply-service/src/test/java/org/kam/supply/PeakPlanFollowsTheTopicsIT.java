package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The plan follows the topics on its own: with the schedule on, sales and tier changes replayed
 * through Kafka are enough for the supply signals to appear — nobody calls POST /peak-plan/run, and
 * the hourly run is an hour away.
 */
@TestPropertySource(properties = { "kam.test.context=peak-plan-follows", "kam.supply.peak-plan.scheduled=true",
        "kam.supply.peak-plan.replan-delay=500ms", "kam.supply.peak-plan.initial-delay=1h" })
class PeakPlanFollowsTheTopicsIT extends SupplyIntegrationTest {

    @Test
    void salesAndTierChangesOnTheTopicsAreEnoughForProductionToBeRequested() {
        // given a product with nothing in stock
        TestApi.Response product = putProduct("FOLLOW-1", "Gasket", 0);
        assertThat(product.status()).as(product.body()).isEqualTo(201);

        // when a key account's four weeks of buying 10 a week and its tier arrive on the topics
        for (int weeksAgo = 4; weeksAgo >= 1; weeksAgo--) {
            sendSale("FOLLOW-K", "FOLLOW-1", 10, Instant.now().minus(Duration.ofDays(7L * weeksAgo)).toString());
        }
        sendTierChange("FOLLOW-K", "REGULAR", "KEY", Instant.now().toString());

        // then, without anyone asking, the shortage and the production it needs are published
        ConsumerRecord<String, String> risk = kafka.awaitRecord(Topics.SUPPLY_SIGNALS,
                r -> "ShortageRisk".equals(KafkaProbe.header(r, "kam-event-type")));
        EventContracts.assertConforms("shortage-risk.v1.schema.json", risk.value());
        JsonNode event = json(risk.value());
        assertThat(event.get("sku").asString()).isEqualTo("FOLLOW-1");
        assertThat(event.get("accountsAtRisk").findValuesAsString("accountId")).containsExactly("FOLLOW-K");
        ConsumerRecord<String, String> production = kafka.awaitRecord(Topics.SUPPLY_SIGNALS,
                r -> "ProductionRequested".equals(KafkaProbe.header(r, "kam-event-type")));
        assertThat(production.key()).isEqualTo("FOLLOW-1");
        assertThat(json(production.value()).get("quantity").asInt()).isEqualTo(event.get("shortfall").asInt());
        assertThat(api.get("/api/v1/peak-plan?sku=FOLLOW-1", "ANALYST").json()).hasSize(1);
    }
}
