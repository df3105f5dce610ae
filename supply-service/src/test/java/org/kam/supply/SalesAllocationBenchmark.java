package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * How many sales per second supply-service serves from stock, through kam.sales.v1 as in
 * production: each sale is checked against the inbox, stored as demand, re-sizes the buyer's
 * protection when it is KEY or POTENTIAL (a forecast), and is allocated under the account, product
 * and SKU locks, with its outbox events. 300 accounts (30 KEY, 30 POTENTIAL) with eight weeks of
 * history, 20 SKUs of which 4 run short. Not part of the test run:
 * {@code ./mvnw -B -Pbenchmarks -pl supply-service -am verify -Dit.test=SalesAllocationBenchmark};
 * report in {@code supply-service/target/benchmarks/sales-allocation.md}.
 */
@TestPropertySource(properties = "kam.test.context=allocation-benchmark")
class SalesAllocationBenchmark extends SupplyIntegrationTest {

    private static final int SALES = Integer.getInteger("allocation.sales", 30_000);
    private static final int ACCOUNTS = 300;
    private static final int SKUS = 20;


    @Test
    void salesAreServedFromStockAtThisRate() throws Exception {
        // given 20 SKUs (4 of them scarce), 300 accounts of which 30 KEY and 30 POTENTIAL, with eight
        // weeks of history for every account (dated before the stock count)
        Random random = new Random(7);
        for (int s = 0; s < SKUS; s++) {
            int onHand = s < 4 ? 2_000 : 1_000_000;
            assertThat(putProduct(sku(s), sku(s), onHand).status()).isEqualTo(201);
        }
        List<ProducerRecord<String, String>> tiers = new ArrayList<>();
        for (int a = 0; a < 60; a++) {
            String to = a < 30 ? "KEY" : "POTENTIAL";
            tiers.add(new ProducerRecord<>(Topics.ACCOUNT_TIERS, account(a),
                    EventJson.tierChange(account(a), "REGULAR", to, Instant.now().toString()).json()));
        }
        kafka.sendAll(tiers);
        List<ProducerRecord<String, String>> history = new ArrayList<>();
        Instant countedBefore = Instant.now().minus(Duration.ofHours(1));
        for (int week = 1; week <= 8; week++) {
            for (int a = 0; a < ACCOUNTS; a++) {
                history.add(saleRecord(account(a), sku(random.nextInt(SKUS)), 1 + random.nextInt(20),
                        countedBefore.minus(Duration.ofDays(7L * week)).toString()));
            }
        }
        kafka.sendAll(history);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(
                () -> jdbc.queryForObject("select count(*) from sale_line", Integer.class) == history.size());

        // when 30,000 sales arrive after the count
        List<ProducerRecord<String, String>> live = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < SALES; i++) {
            // a few accounts buy most (as in the 80/20 rule), so locks on hot accounts and SKUs are contended
            int a = (int) Math.min(ACCOUNTS - 1, Math.floor(Math.pow(random.nextDouble(), 3) * ACCOUNTS));
            live.add(saleRecord(account(a), sku(random.nextInt(SKUS)), 1 + random.nextInt(10),
                    start.plusMillis(i).toString()));
        }
        long began = System.nanoTime();
        kafka.sendAll(live);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> jdbc.queryForObject("select count(*) from customer_order", Integer.class) == SALES);
        double seconds = (System.nanoTime() - began) / 1e9;

        // then every sale became exactly one order, and the report says how fast
        Map<String, Object> books = jdbc.queryForMap("""
                select count(*) filter (where owed > 0) as backordered,
                       coalesce(sum(from_protection), 0) as from_protection,
                       coalesce(sum(from_free_stock), 0) as from_free_stock
                from customer_order""");
        long stockOuts = jdbc.queryForObject(
                "select count(*) from customer_order where tier = 'KEY' and owed > 0", Long.class);
        String report = """
                # Sales served from stock: %,d sales

                | sales | time (published → all allocated) | sales/s | orders backordered | KEY stock-outs | units from protections | units from free stock |
                |---:|---:|---:|---:|---:|---:|---:|
                | %,d | %.1f s | %,.0f | %,d | %,d | %,d | %,d |

                Through kam.sales.v1 and the sales consumer (%s threads), on the embedded Kafka broker and
                PostgreSQL of the test; 300 accounts (30 KEY, 30 POTENTIAL) with 8 weeks of history, 20 SKUs
                (4 scarce). Each sale: inbox, demand stored, protection re-forecast for KEY/POTENTIAL buyers,
                allocation under account, product and SKU locks, outbox events. Reproduce:
                `./mvnw -B -Pbenchmarks -pl supply-service -am verify -Dit.test=SalesAllocationBenchmark`.
                """.formatted(SALES, SALES, seconds, SALES / seconds, ((Number) books.get("backordered")).longValue(),
                stockOuts, ((Number) books.get("from_protection")).longValue(),
                ((Number) books.get("from_free_stock")).longValue(),
                System.getProperty("KAM_SUPPLY_SALES_CONSUMERS", "3"));
        Path out = Path.of("target", "benchmarks", "sales-allocation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static String sku(int s) {
        return "BM-SKU-" + s;
    }

    private static String account(int a) {
        return "BM-A" + a;
    }
}
