package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kam.account.sales.SaleJson;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;

/** Input meant to hurt: every answer is a 4xx ProblemDetail naming what is wrong, nothing crashes. */
class HostileInputIT extends ServiceIntegrationTest {

    @ParameterizedTest(name = "amount {0}")
    @CsvSource(delimiter = '|', value = {
            "-1e999999999 | amount: is too large: at most 30 digits before the decimal point",
            "1e999999999  | amount: is too large: at most 30 digits before the decimal point",
            "1e-999999999 | amount: has too many decimal places: at most 30" })
    void aNumberWithAHugeExponentIsRefusedOnItsSizeAloneNamingTheField(String amount, String detail) {
        TestApi.Response response = api.post("/api/v1/sales",
                SaleJson.sale("HOSTILE-1", "1", "2026-03-01T10:00:00Z").withRaw("amount", amount).json(), "SALES");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void aHugeExponentInARuleChangeIsRefusedNamingTheField() {
        TestApi.Response response = api.put("/api/v1/tiering/rule", "{\"keyRevenueShare\": 1e999999999}", "ADMIN");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("keyRevenueShare");
    }

    @Test
    void aBodyAboveTheLimitAnswers413AndNothingIsStored() {
        String huge = SaleJson.sale("HOSTILE-2", "1", "2026-03-01T10:00:00Z")
                .withRaw("padding", "\"" + "x".repeat(300 * 1024) + "\"").json();

        TestApi.Response response = api.post("/api/v1/sales", huge, "SALES");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("limit of 262144 bytes");
        assertThat(api.get("/api/v1/accounts/HOSTILE-2", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    void hostileRecordsOnTheTopicAreDeadLetteredAndTheGoodSaleBehindThemIsRecorded() {
        // given a sale with a huge exponent, one dated 2999 and one of 300 KB, followed by a good sale
        kafka.send(Topics.SALES, "HOSTILE-3", SaleJson.sale("HOSTILE-3", "1", "2026-03-01T10:00:00Z")
                .withRaw("amount", "1e999999999").json());
        kafka.send(Topics.SALES, "HOSTILE-3", SaleJson.sale("HOSTILE-3", "1", "2999-01-01T00:00:00Z").json());
        kafka.send(Topics.SALES, "HOSTILE-3", SaleJson.sale("HOSTILE-3", "1", "2026-03-01T10:00:00Z")
                .withRaw("padding", "\"" + "x".repeat(300 * 1024) + "\"").json());
        kafka.send(Topics.SALES, "HOSTILE-3", SaleJson.sale("HOSTILE-3", "7", "2026-03-01T10:00:00Z").json());

        // then the three are dead-lettered with their reasons
        var dead = kafka.awaitRecords("kam.dlq.account-service.v1", 3, r -> "HOSTILE-3".equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).startsWith("amount: is too large"))
                .anySatisfy(reason -> assertThat(reason).startsWith("occurredAt: is in the future"))
                .anySatisfy(reason -> assertThat(reason).contains("more than the limit of 262144"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-kind")).containsOnly("INVALID");
        // and the good sale behind them is recorded
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get("/api/v1/accounts/HOSTILE-3", "ANALYST").json().get("windowRevenue").decimalValue())
                .isEqualByComparingTo("7"));
    }
}
