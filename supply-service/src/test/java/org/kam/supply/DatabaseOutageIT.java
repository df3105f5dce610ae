package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.TcpProxy;
import org.kam.testsupport.TestApi;
import org.kam.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** PostgreSQL goes away while sales arrive: supply waits, dead-letters nothing, applies each sale once. */
@TestPropertySource(properties = { TestDatabase.PROXY_PROPERTY + "=true", "kam.consumer.max-back-off=2s" })
class DatabaseOutageIT extends SupplyIntegrationTest {

    @Autowired
    TcpProxy databaseProxy;

    @Test
    void salesArrivingWhileTheDatabaseIsDownAreAppliedOnceItIsBackAndNoneIsDeadLettered() {
        // given a supply-service that works
        sendSale("SUP-OUT-0", "SKU-OUT", 1, "2026-03-01T10:00:00Z");
        awaitSalesRecorded("SUP-OUT-0", 1);

        // when the database goes away and 20 sales of 4 accounts arrive
        databaseProxy.cut();
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sales.add(saleRecord("SUP-OUT-" + (1 + i % 4), "SKU-OUT", 1 + i, "2026-03-01T11:00:00Z"));
        }
        kafka.sendAll(sales);

        // then readiness is DOWN and names the consumer that waits, for longer than any retry budget
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TestApi.Response readiness = api.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("consumer kam.sales.v1 (supply-service)");
        });
        await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/actuator/health/readiness").status() == 503);

        // when the database is back, then every sale is applied once and readiness is UP again
        databaseProxy.restore();
        for (int a = 1; a <= 4; a++) {
            awaitSalesRecorded("SUP-OUT-" + a, 5);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/health/readiness").status() == 200);
        // and nothing of it was dead-lettered (a poison record behind them shows the topic is flushed)
        kafka.send(Topics.SALES, "SUP-OUT-END", "{not json");
        kafka.awaitRecord("kam.dlq.supply-service.v1", r -> "SUP-OUT-END".equals(r.key()));
        assertThat(kafka.records("kam.dlq.supply-service.v1"))
                .noneMatch(r -> r.key() != null && r.key().startsWith("SUP-OUT-") && !"SUP-OUT-END".equals(r.key()));
    }
}
