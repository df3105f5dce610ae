package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.kam.account.sales.SaleJson;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TcpProxy;
import org.kam.testsupport.TestApi;
import org.kam.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * PostgreSQL goes away while sales keep arriving (ADR 7): nothing is dead-lettered, the consumer
 * waits, readiness says DOWN and the API answers 503 with Retry-After; once the database is back,
 * every sale is applied exactly once.
 */
@TestPropertySource(properties = { TestDatabase.PROXY_PROPERTY + "=true", "kam.consumer.max-back-off=2s" })
class DatabaseOutageIT extends ServiceIntegrationTest {

    @Autowired
    TcpProxy databaseProxy;

    @Test
    void salesArrivingWhileTheDatabaseIsDownAreAppliedOnceItIsBackAndNoneIsDeadLettered() {
        // given a service that works
        kafka.send(Topics.SALES, "OUTAGE-0", SaleJson.sale("OUTAGE-0", "1", "2026-03-01T10:00:00Z").json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/accounts/OUTAGE-0", "ANALYST").status() == 200);

        // when the database goes away and 20 sales of 5 accounts arrive
        databaseProxy.cut();
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String account = "OUTAGE-" + (1 + i % 5);
            sales.add(new ProducerRecord<>(Topics.SALES, account,
                    SaleJson.sale(account, Integer.toString(10 + i), "2026-03-01T11:00:00Z").json()));
        }
        kafka.sendAll(sales);

        // then the service says it is not ready, and refuses writes with 503 and Retry-After
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestApi.Response readiness = api.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
        });
        TestApi.Response refused = api.post("/api/v1/sales",
                SaleJson.sale("OUTAGE-9", "5", "2026-03-01T11:00:00Z").json(), "SALES");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        // and it stays so, without dead-lettering, for longer than any retry budget
        await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/actuator/health/readiness").status() == 503);

        // when the database is back
        databaseProxy.restore();

        // then every sale is applied once (each account's revenue is the sum of its own sales) ...
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int a = 1; a <= 5; a++) {
                BigDecimal expected = BigDecimal.ZERO;
                for (int i = a - 1; i < 20; i += 5) {
                    expected = expected.add(BigDecimal.valueOf(10 + i));
                }
                TestApi.Response account = api.get("/api/v1/accounts/OUTAGE-" + a, "ANALYST");
                assertThat(account.status()).isEqualTo(200);
                assertThat(account.json().get("windowRevenue").decimalValue()).isEqualByComparingTo(expected);
            }
        });
        // ... the service is ready again, and nothing went to the dead-letter topic
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/health/readiness").status() == 200);
        kafka.send(Topics.SALES, "OUTAGE-END", "{not json");
        kafka.awaitRecord("kam.dlq.account-service.v1", r -> "OUTAGE-END".equals(r.key()));
        assertThat(kafka.records("kam.dlq.account-service.v1"))
                .noneMatch(r -> r.key() != null && r.key().startsWith("OUTAGE-") && !"OUTAGE-END".equals(r.key()));
    }
}
