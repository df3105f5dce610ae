package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** Forecasts from the sales supply-service received, with the model chosen and its hold-out accuracy. */
@TestPropertySource(properties = "kam.test.context=forecast")
class ForecastIT extends SupplyIntegrationTest {

    @Test
    void aSteadyBuyerIsForecastToKeepBuyingTheSameAndTheAccuracyIsReported() {
        // given 30 weeks of 10 units a week of F-1 by account F-A (one sale each Wednesday)
        Instant firstWednesday = Instant.parse("2025-01-08T10:00:00Z");
        for (int week = 0; week < 30; week++) {
            sendSale("F-A", "F-1", 10, firstWednesday.plus(Duration.ofDays(7L * week)).toString());
        }

        // when the forecast is asked for
        JsonNode forecast = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/forecasts?sku=F-1&horizonWeeks=12", "ANALYST"),
                r -> r.status() == 200 && r.json().get("historyWeeks").asInt() >= 29).json();

        // then a short, steady history is forecast by its mean, exactly, and the hold-out shows no error
        assertThat(forecast.get("model").asString()).isEqualTo("SEASONAL_NAIVE");
        assertThat(forecast.get("weeks")).hasSize(12);
        assertThat(forecast.get("weeks").get(0).get("demand").asDouble()).isEqualTo(10.0);
        assertThat(forecast.get("next8Weeks").asDouble()).isEqualTo(80.0);
        assertThat(forecast.get("accuracy").get("mae").asDouble()).isEqualTo(0.0);
        assertThat(forecast.get("accuracy").get("periods").asInt()).isEqualTo(7);

        JsonNode perAccount = api.get("/api/v1/forecasts?sku=F-1&accountId=F-A", "ANALYST").json();
        assertThat(perAccount.get("accountId").asString()).isEqualTo("F-A");
        assertThat(perAccount.get("next8Weeks").asDouble()).isEqualTo(80.0);
    }

    @Test
    void aForecastNeedsAKnownSkuAndASensibleHorizon() {
        assertThat(api.get("/api/v1/forecasts?sku=NEVER-SOLD", "ANALYST").status()).isEqualTo(404);
        assertThat(firstField(api.get("/api/v1/forecasts", "ANALYST"))).isEqualTo("sku");
        assertThat(firstField(api.get("/api/v1/forecasts?sku=F-1&horizonWeeks=0", "ANALYST"))).isEqualTo("horizonWeeks");
        assertThat(api.get("/api/v1/forecasts?sku=F-1").status()).isEqualTo(401);
    }
}
