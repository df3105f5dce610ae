package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Peak-season planning from sales replayed through kam.sales.v1 and tiers through
 * kam.account-tiers.v1. "Today" is fixed at noon of the day the test runs, so every date is exact
 * and relative to the Monday of this week (week 0); the schedule is off, so only the test plans.
 */
@TestPropertySource(properties = { "kam.test.context=peak-plan", "kam.supply.peak-plan.scheduled=false" })
class PeakPlanIT extends SupplyIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate WEEK_0 = TODAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

    /** The same wall clock for the whole test class, so a week boundary cannot fall in the middle of it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedToday {

        @Bean
        @Primary
        Clock fixedToday() {
            return Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        }
    }


    @Test
    void aSeasonalSkuGetsProductionAndTransportRequestedBeforeItsPeak() {
        // given 150 of PEAK-1 on hand and 50 arriving in week 3; 1,000 of PLENTY-1
        putProduct("PEAK-1", "Snow chain", 150);
        putProduct("PLENTY-1", "Wiper blade", 1_000);
        TestApi.Response shipment = api.post("/api/v1/incoming-supply", "{\"kind\":\"SHIPMENT\",\"sku\":\"PEAK-1\","
                + "\"warehouseId\":\"MAIN\",\"quantity\":50,\"dueOn\":\"" + WEEK_0.plusWeeks(3).plusDays(2) + "\"}",
                "SUPPLY");
        assertThat(shipment.status()).as(shipment.body()).isEqualTo(201);
        // and two years of weekly sales up to this week, PEAK-1 peaking every year in the 4 weeks that
        // fall 12 to 15 weeks from now: KEY 10 a week (60 in the peak), POTENTIAL 4 (30), REGULAR 200
        // all year; PLENTY-1 5 a week to the KEY account
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        sales.addAll(weeklySales("PK-KEY", "PEAK-1", 10, 60, WEEK_0));
        sales.addAll(weeklySales("PK-POT", "PEAK-1", 4, 30, WEEK_0));
        sales.addAll(weeklySales("PK-REG", "PEAK-1", 200, 200, WEEK_0));
        sales.addAll(weeklySales("PK-KEY", "PLENTY-1", 5, 5, WEEK_0));
        kafka.sendAll(sales);
        await().atMost(Duration.ofSeconds(60)).until(
                () -> jdbc.queryForObject("select count(*) from sale_line", Integer.class) == sales.size());
        sendTierChange("PK-KEY", "KEY");
        sendTierChange("PK-POT", "POTENTIAL");
        sendTierChange("PK-REG", "REGULAR");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> jdbc.queryForObject("select count(*) from account_tier", Integer.class) == 3);
        // when supply plans
        TestApi.Response run = api.post("/api/v1/peak-plan/run", "", "SUPPLY");

        // then seasonal naive repeats last year: KEY + POTENTIAL want 14 a week and 90 in weeks 12-15.
        // Projected stock, 150 + 50 from week 3 − 14 a week, is 32 after week 11 and −58 after week 12;
        // by week 25 it is 200 − 668 = −468. The REGULAR account's 200 a week are not counted.
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json()).hasSize(1);
        LocalDate neededBy = WEEK_0.plusWeeks(12);
        assertPlan(run.json().get(0), neededBy);

        // and the plan is published, each event as its contract says, needed by the peak's first week
        List<ConsumerRecord<String, String>> signals = awaitSignals("PEAK-1", 3);
        assertThat(signals).extracting(r -> KafkaProbe.header(r, "kam-event-type"))
                .containsExactly("ShortageRisk", "ProductionRequested", "TransportRequested");

        EventContracts.assertConforms("shortage-risk.v1.schema.json", signals.get(0).value());
        JsonNode risk = json(signals.get(0).value());
        assertThat(risk.propertyNames()).containsExactlyInAnyOrder("eventId", "occurredAt", "sku", "shortfall",
                "firstShortWeek", "peakWeek", "peakWeekDemand", "projectedStock", "accountsAtRisk");
        assertThat(risk.get("sku").asString()).isEqualTo("PEAK-1");
        assertThat(risk.get("shortfall").asInt()).isEqualTo(468);
        assertThat(risk.get("firstShortWeek").asString()).isEqualTo(neededBy.toString());
        assertThat(risk.get("peakWeek").asString()).isEqualTo(neededBy.toString());
        assertThat(risk.get("peakWeekDemand").asInt()).isEqualTo(90);
        assertThat(risk.get("projectedStock").asInt()).isEqualTo(200);
        assertAccountsAtRisk(risk.get("accountsAtRisk"));

        EventContracts.assertConforms("production-requested.v1.schema.json", signals.get(1).value());
        JsonNode production = json(signals.get(1).value());
        assertThat(production.get("sku").asString()).isEqualTo("PEAK-1");
        assertThat(production.get("quantity").asInt()).isEqualTo(468);
        assertThat(production.get("neededBy").asString()).isEqualTo(neededBy.toString());
        assertThat(production.get("latestStart").asString()).isEqualTo(WEEK_0.plusWeeks(4).toString());
        assertThat(production.get("late").asBoolean()).isFalse();
        assertThat(production.get("daysLate").asInt()).isZero();
        assertAccountsAtRisk(production.get("accountsAtRisk"));

        EventContracts.assertConforms("transport-requested.v1.schema.json", signals.get(2).value());
        JsonNode transport = json(signals.get(2).value());
        assertThat(transport.get("quantity").asInt()).isEqualTo(468);
        assertThat(transport.get("neededBy").asString()).isEqualTo(neededBy.toString());
        assertThat(transport.get("shipBy").asString()).isEqualTo(WEEK_0.plusWeeks(10).toString());
        assertThat(transport.get("late").asBoolean()).isFalse();
        assertAccountsAtRisk(transport.get("accountsAtRisk"));

        // and anyone signed in sees it; the SKU with enough stock has no plan and no signal
        JsonNode shown = api.get("/api/v1/peak-plan", "ANALYST").json();
        assertThat(shown).hasSize(1);
        assertPlan(shown.get(0), neededBy);
        assertThat(api.get("/api/v1/peak-plan?sku=PEAK-1", "KAM").json()).hasSize(1);
        assertThat(api.get("/api/v1/peak-plan?sku=PLENTY-1", "KAM").json()).isEmpty();

        // when supply plans again with nothing changed
        assertThat(api.post("/api/v1/peak-plan/run", "", "ADMIN").json()).hasSize(1);

        // then nothing new is published
        awaitOutboxDrained();
        assertThat(kafka.records(Topics.SUPPLY_SIGNALS)).extracting(ConsumerRecord::key)
                .containsExactly("PEAK-1", "PEAK-1", "PEAK-1");

        // when 10 units fewer are on hand, the request grows by 10 (same dates): shown, but within 5 % of
        // what was published, so not published again
        putProduct("PEAK-1", "Snow chain", 140);
        assertThat(api.post("/api/v1/peak-plan/run", "", "SUPPLY").json().get(0).get("shortfall").asInt())
                .isEqualTo(478);
        awaitOutboxDrained();
        assertThat(kafka.records(Topics.SUPPLY_SIGNALS)).hasSize(3);

        // when 30 fewer are on hand, 498 is more than 5 % above the 468 published: published again
        putProduct("PEAK-1", "Snow chain", 120);
        api.post("/api/v1/peak-plan/run", "", "SUPPLY");
        List<ConsumerRecord<String, String>> changed = awaitSignals("PEAK-1", 6).subList(3, 6);
        assertThat(changed).extracting(r -> KafkaProbe.header(r, "kam-event-type"))
                .containsExactly("ShortageRisk", "ProductionRequested", "TransportRequested");
        assertThat(json(changed.get(0).value()).get("shortfall").asInt()).isEqualTo(498);
        assertThat(json(changed.get(1).value()).get("quantity").asInt()).isEqualTo(498);
        assertThat(json(changed.get(1).value()).get("neededBy").asString()).isEqualTo(neededBy.toString());
        assertThat(json(changed.get(2).value()).get("quantity").asInt()).isEqualTo(498);

        // when 500 more are due in week 5, the risk is gone: the plan is withdrawn
        api.post("/api/v1/incoming-supply", "{\"kind\":\"PRODUCTION_ORDER\",\"sku\":\"PEAK-1\",\"warehouseId\":"
                + "\"MAIN\",\"quantity\":500,\"dueOn\":\"" + WEEK_0.plusWeeks(5) + "\"}", "SUPPLY");
        assertThat(api.post("/api/v1/peak-plan/run", "", "SUPPLY").json()).isEmpty();
        ConsumerRecord<String, String> cleared = awaitSignals("PEAK-1", 7).get(6);
        assertThat(KafkaProbe.header(cleared, "kam-event-type")).isEqualTo("ShortageRiskCleared");
        EventContracts.assertConforms("shortage-risk-cleared.v1.schema.json", cleared.value());
        assertThat(json(cleared.value()).get("previousShortfall").asInt()).isEqualTo(498);
        assertThat(api.get("/api/v1/peak-plan", "ANALYST").json()).isEmpty();
    }

    @Test
    void anUnknownSkuIsRefusedNamingItAndOnlySupplyPlannersAndAdminsRunThePlan() {
        TestApi.Response unknown = api.get("/api/v1/peak-plan?sku=NOBODY-HAS", "ANALYST");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("sku");
        assertThat(unknown.json().get("detail").asString()).isEqualTo("sku: no product NOBODY-HAS");

        assertThat(api.get("/api/v1/peak-plan").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/peak-plan/run", "", "KAM").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/peak-plan/run", "", "ANALYST").status()).isEqualTo(403);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void sendTierChange(String accountId, String to) {
        sendTierChange(accountId, "REGULAR", to, WEEK_0.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
    }

    private List<ConsumerRecord<String, String>> awaitSignals(String sku, int count) {
        return kafka.awaitRecords(Topics.SUPPLY_SIGNALS, count, r -> sku.equals(r.key()));
    }

    private static void assertPlan(JsonNode plan, LocalDate neededBy) {
        assertThat(plan.get("sku").asString()).isEqualTo("PEAK-1");
        assertThat(plan.get("productName").asString()).isEqualTo("Snow chain");
        assertThat(plan.get("onHand").asInt()).isEqualTo(150);
        assertThat(plan.get("incoming").asInt()).isEqualTo(50);
        assertThat(plan.get("projectedStock").asInt()).isEqualTo(200);
        assertThat(plan.get("peakWeek").get("start").asString()).isEqualTo(neededBy.toString());
        assertThat(plan.get("peakWeek").get("demand").asInt()).isEqualTo(90);
        assertThat(plan.get("firstShortWeek").asString()).isEqualTo(neededBy.toString());
        assertThat(plan.get("shortfall").asInt()).isEqualTo(468);
        JsonNode production = plan.get("production");
        assertThat(production.get("quantity").asInt()).isEqualTo(468);
        assertThat(production.get("neededBy").asString()).isEqualTo(neededBy.toString());
        assertThat(production.get("latestStart").asString()).isEqualTo(WEEK_0.plusWeeks(4).toString());
        assertThat(production.get("late").asBoolean()).isFalse();
        JsonNode transport = plan.get("transport");
        assertThat(transport.get("quantity").asInt()).isEqualTo(468);
        assertThat(transport.get("shipBy").asString()).isEqualTo(WEEK_0.plusWeeks(10).toString());
        assertThat(transport.get("late").asBoolean()).isFalse();
        assertAccountsAtRisk(plan.get("accountsAtRisk"));
        assertThat(plan.get("plannedOn").asString()).isEqualTo(TODAY.toString());
    }

    /** KEY: 22 weeks × 10 + 4 × 60 = 460; POTENTIAL: 22 × 4 + 4 × 30 = 208; the REGULAR account is not at risk. */
    private static void assertAccountsAtRisk(JsonNode accounts) {
        assertThat(accounts).hasSize(2);
        assertThat(accounts.get(0).get("accountId").asString()).isEqualTo("PK-KEY");
        assertThat(accounts.get(0).get("tier").asString()).isEqualTo("KEY");
        assertThat(accounts.get(0).get("units").asInt()).isEqualTo(460);
        assertThat(accounts.get(1).get("accountId").asString()).isEqualTo("PK-POT");
        assertThat(accounts.get(1).get("tier").asString()).isEqualTo("POTENTIAL");
        assertThat(accounts.get(1).get("units").asInt()).isEqualTo(208);
    }
}
