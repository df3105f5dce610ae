package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.TestApi;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A product's own lead times: set with the product, shown with it, and planned back from instead of
 * the configured ones. "Today" is fixed at noon of the day the test runs, as in {@link PeakPlanIT}.
 */
@TestPropertySource(properties = "kam.test.context=product-lead-times")
class ProductLeadTimesIT extends SupplyIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate WEEK_0 = TODAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedToday {

        @Bean
        @Primary
        Clock fixedToday() {
            return Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        }
    }

    @Test
    void aProductMadeInTenDaysAndShippedInThreeWeeksIsPlannedWithItsOwnLeadTimes() {
        // given a product made in 10 days and shipped in 21, 150 on hand, and a key account buying 10
        // a week for two years with 60 a week in the season 12 to 15 weeks from now
        TestApi.Response product = api.put("/api/v1/products/LT-1", """
                {"name":"Heat exchanger","onHand":150,"productionLeadDays":10,"transportLeadDays":21}""", "SUPPLY");
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        assertThat(product.json().get("leadTimes").get("productionDays").asInt()).isEqualTo(10);
        assertThat(product.json().get("leadTimes").get("transportDays").asInt()).isEqualTo(21);
        kafka.sendAll(weeklySales("LT-KEY", "LT-1", 10, 60, WEEK_0));
        await().atMost(Duration.ofSeconds(60)).until(() -> salesOf("LT-KEY") == 105);
        sendTierChange("LT-KEY", "REGULAR", "KEY", WEEK_0.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        awaitTier("LT-KEY", "KEY");

        // when supply plans
        JsonNode plan = api.post("/api/v1/peak-plan/run", "", "SUPPLY").json().get(0);

        // then the 150 last until week 11 (10 a week) and week 12's 60 are short: transport leaves 21
        // days before week 12, production starts 10 days before that
        LocalDate neededBy = WEEK_0.plusWeeks(12);
        assertThat(plan.get("sku").asString()).isEqualTo("LT-1");
        assertThat(plan.get("production").get("neededBy").asString()).isEqualTo(neededBy.toString());
        assertThat(plan.get("transport").get("shipBy").asString()).isEqualTo(neededBy.minusDays(21).toString());
        assertThat(plan.get("production").get("latestStart").asString())
                .isEqualTo(neededBy.minusDays(31).toString());
    }

    @Test
    void leadTimesLeftOutMeanTheConfiguredOnesAndOutOfRangeOnesAreRefusedNamingTheField() {
        TestApi.Response plain = api.put("/api/v1/products/LT-2", "{\"name\":\"Valve\",\"onHand\":5}", "SUPPLY");
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        assertThat(plain.json().get("leadTimes").get("productionDays").isNull()).isTrue();
        assertThat(plain.json().get("leadTimes").get("transportDays").isNull()).isTrue();

        assertThat(firstField(api.put("/api/v1/products/LT-3",
                "{\"name\":\"Valve\",\"onHand\":5,\"productionLeadDays\":-1}", "SUPPLY"))).isEqualTo("productionLeadDays");
        assertThat(firstField(api.put("/api/v1/products/LT-3",
                "{\"name\":\"Valve\",\"onHand\":5,\"transportLeadDays\":731}", "SUPPLY"))).isEqualTo("transportLeadDays");
        assertThat(api.get("/api/v1/products/LT-3", "ANALYST").status()).isEqualTo(404);
    }
}
