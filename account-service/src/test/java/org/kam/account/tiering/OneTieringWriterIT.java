package org.kam.account.tiering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kam.account.AccountServiceApplication;
import org.kam.account.Topics;
import org.kam.account.sales.SaleJson;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.TestApi;
import org.kam.testsupport.TestDatabase;
import org.kam.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two account-service instances on one database and one broker (ADR 8): only one applies sales; the
 * other serves reads and takes over when the first goes away, and every sale is applied once.
 */
class OneTieringWriterIT {

    static EmbeddedKafkaKraftBroker kafka;
    static Map<String, Object> shared = new HashMap<>();
    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @BeforeAll
    static void startInfrastructure() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("offsets.topic.num.partitions", "1");
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        String server = TestDatabase.serverUrl();
        String database = "one_writer_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(server, TestDatabase.user(), TestDatabase.password())) {
            connection.createStatement().execute("create database " + database);
        }
        shared.put("spring.datasource.url", server.replaceFirst("/[^/]*$", "/" + database));
        shared.put("spring.datasource.username", TestDatabase.user());
        shared.put("spring.datasource.password", TestDatabase.password());
        shared.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
        shared.put("kam.security.jwt.public-key-location", TestTokens.publicKeyLocation());
        shared.put("kam.security.jwt.issuer", TestTokens.ISSUER);
        shared.put("kam.tiering.leadership.check-interval", "1s");
        shared.put("kam.tiering.leadership.follower-refresh", "0s");
        shared.put("kam.imports.directory", Files.createTempDirectory("one-writer").toString());
        shared.put("spring.lifecycle.timeout-per-shutdown-phase", "3s");
        shared.put("server.port", "0");
    }

    @AfterAll
    static void stopInfrastructure() {
        kafka.destroy();
    }

    @Test
    void onlyOneInstanceAppliesSalesAndTheOtherTakesOverWhenItGoesAway() {
        // given two instances: the first to start leads, the second stands by
        Instance first = start();
        await().atMost(Duration.ofSeconds(30)).until(() -> first.gauge("kam_tiering_leader") == 1);
        Instance second = start();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                .until(() -> second.gauge("kam_tiering_leader") == 0);

        // when 30 sales of three accounts arrive
        try (KafkaProbe probe = new KafkaProbe(kafka.getBrokersAsString())) {
            probe.sendAll(sales(0, 30));

            // then the leader applied them all, the standby none, and both answer with the same revenue
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertRevenue(first, 30));
            assertThat(first.gauge("kam_sales_recorded_total")).isEqualTo(30);
            assertThat(second.gauge("kam_sales_recorded_total")).isZero();
            assertRevenue(second, 30);

            // when the leader goes away
            long stopped = System.nanoTime();
            first.context().close();

            // then the standby takes over within 15 s and applies the next sales, each once
            await().atMost(Duration.ofSeconds(15)).until(() -> second.gauge("kam_tiering_leader") == 1);
            Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
            probe.sendAll(sales(30, 60));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertRevenue(second, 60));
            assertThat(second.gauge("kam_sales_recorded_total")).isEqualTo(30);
            assertThat(takeover).isLessThan(Duration.ofSeconds(15));
        } finally {
            running.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static List<ProducerRecord<String, String>> sales(int from, int to) {
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String account = "WRITER-" + (i % 3);
            sales.add(new ProducerRecord<>(Topics.SALES, account,
                    SaleJson.sale(account, Integer.toString(100 + i), "2026-03-01T10:00:00Z").json()));
        }
        return sales;
    }

    /** Each account's revenue is the sum of its first {@code count} sales: none lost, none twice. */
    private static void assertRevenue(Instance instance, int count) {
        for (int a = 0; a < 3; a++) {
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = a; i < count; i += 3) {
                expected = expected.add(BigDecimal.valueOf(100 + i));
            }
            TestApi.Response tier = instance.api().get("/api/v1/accounts/WRITER-" + a + "/tier", "ANALYST");
            assertThat(tier.status()).as(tier.body()).isEqualTo(200);
            assertThat(instance.api().get("/api/v1/accounts/WRITER-" + a, "ANALYST").json().get("windowRevenue")
                    .decimalValue()).isEqualByComparingTo(expected);
        }
    }

    private Instance start() {
        // As command-line arguments: they win over application.yml, as the environment would.
        String[] arguments = shared.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountServiceApplication.class)
                .run(arguments);
        running.add(context);
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new Instance(context, new TestApi(port));
    }

    record Instance(ConfigurableApplicationContext context, TestApi api) {
        double gauge(String name) {
            return api.get("/actuator/prometheus").body().lines()
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }
}
