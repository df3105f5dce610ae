package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TcpProxy;
import org.kam.testsupport.TestApi;
import org.kam.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** PostgreSQL goes away while sales arrive: insight waits, dead-letters nothing, collects each sale once. */
@TestPropertySource(properties = { TestDatabase.PROXY_PROPERTY + "=true", "kam.consumer.max-back-off=2s" })
class DatabaseOutageIT extends ServiceIntegrationTest {

    @Autowired
    TcpProxy databaseProxy;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void salesArrivingWhileTheDatabaseIsDownAreCollectedOnceItIsBackAndNoneIsDeadLettered() {
        // given an insight-service that works
        kafka.send(Topics.SALES, "INS-OUT-0", EventJson.sale("INS-OUT-0").json());
        await().atMost(Duration.ofSeconds(30)).until(() -> facts("INS-OUT-0") == 1);

        // when the database goes away and 20 sales of 4 accounts arrive
        databaseProxy.cut();
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String account = "INS-OUT-" + (1 + i % 4);
            sales.add(new ProducerRecord<>(Topics.SALES, account, EventJson.sale(account).json()));
        }
        kafka.sendAll(sales);

        // then readiness is DOWN and names the consumer that waits, for longer than any retry budget
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TestApi.Response readiness = api.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("consumer kam.sales.v1 (insight-service)");
        });
        await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/actuator/health/readiness").status() == 503);

        // when the database is back, then every sale is collected once and readiness is UP again
        databaseProxy.restore();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int a = 1; a <= 4; a++) {
                assertThat(facts("INS-OUT-" + a)).isEqualTo(5);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/health/readiness").status() == 200);
        kafka.send(Topics.SALES, "INS-OUT-END", "{not json");
        kafka.awaitRecord("kam.dlq.insight-service.v1", r -> "INS-OUT-END".equals(r.key()));
        assertThat(kafka.records("kam.dlq.insight-service.v1"))
                .noneMatch(r -> r.key() != null && r.key().startsWith("INS-OUT-") && !"INS-OUT-END".equals(r.key()));
    }

    private int facts(String account) {
        return jdbc.queryForObject("select count(*) from sale_fact where account_id = ?", Integer.class, account);
    }
}
