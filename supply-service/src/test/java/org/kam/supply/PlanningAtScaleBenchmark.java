package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kam.supply.planning.PeakPlanning;
import org.kam.supply.reservation.ProtectionRefresh;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What planning costs at scale: the peak-season plan and the re-forecast of every protection, over
 * 1,000 KEY and POTENTIAL accounts buying 20 SKUs each with 130 weeks of weekly history (20,000
 * account × SKU forecasts, each fitting damped Holt-Winters, the dearest model; 2.6 million sale
 * lines, written straight into the tables to keep the set-up short). Not part of the test run:
 * {@code ./mvnw -B -Pbenchmarks -pl supply-service -am verify -Dit.test=PlanningAtScaleBenchmark};
 * report in {@code supply-service/target/benchmarks/planning-at-scale.md}.
 */
@TestPropertySource(properties = "kam.test.context=planning-benchmark")
class PlanningAtScaleBenchmark extends SupplyIntegrationTest {

    private static final int ACCOUNTS = Integer.getInteger("planning.accounts", 1_000);
    private static final int SKUS = 20;
    private static final int WEEKS = 130;

    @Autowired
    PeakPlanning plans;
    @Autowired
    ProtectionRefresh refresh;

    @Test
    void planningAndReforecastingAThousandKeyAndPotentialAccountsTakesThisLong() throws Exception {
        // given the accounts (a third KEY), their tiers, the SKUs and 130 weeks of seasonal weekly buying
        Random random = new Random(11);
        for (int s = 0; s < SKUS; s++) {
            putProduct("PL-SKU-" + s, 5_000);
        }
        Instant now = Instant.now();
        List<Object[]> tiers = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            tiers.add(new Object[] { "PL-A" + a, a % 3 == 0 ? "KEY" : "POTENTIAL", Timestamp.from(now) });
        }
        jdbc.batchUpdate("insert into account_tier (account_id, tier, as_of) values (?, ?, ?)", tiers);
        List<Object[]> sales = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            for (int s = 0; s < SKUS; s++) {
                int base = 1 + random.nextInt(10);
                for (int w = 1; w <= WEEKS; w++) {
                    int season = (w % 52) >= 40 && (w % 52) < 46 ? 3 : 1;
                    sales.add(new Object[] { UUID.randomUUID(), "PL-A" + a, "PL-SKU-" + s, base * season,
                            Timestamp.from(now.minus(Duration.ofDays(7L * w))) });
                }
            }
            if (sales.size() >= 50_000) {
                insertSales(sales);
            }
        }
        insertSales(sales);
        long lines = jdbc.queryForObject("select count(*) from sale_line", Long.class);

        // when the plan runs, twice (the second finds nothing new), and every protection is re-forecast
        long t0 = System.nanoTime();
        int atRisk = plans.run().size();
        double firstPlan = seconds(t0);
        long t1 = System.nanoTime();
        plans.run();
        double secondPlan = seconds(t1);
        long t2 = System.nanoTime();
        int refreshed = refresh.refreshAll();
        double reforecast = seconds(t2);

        // then the report
        assertThat(lines).isEqualTo((long) ACCOUNTS * SKUS * WEEKS);
        String report = """
                # Planning at scale: %,d KEY and POTENTIAL accounts × %d SKUs

                | account × SKU series | sale lines | peak plan, first run (SKUs at risk) | peak plan, run with nothing new | re-forecast of every protection (accounts) |
                |---:|---:|---:|---:|---:|
                | %,d | %,d | %.1f s (%d) | %.1f s | %.1f s (%,d) |

                Each series: %d weeks of history, enough for damped Holt-Winters (fitted twice: hold-out and
                forecast), the dearest model. Embedded PostgreSQL and the service in one JVM, -Xmx512m. Reproduce:
                `./mvnw -B -Pbenchmarks -pl supply-service -am verify -Dit.test=PlanningAtScaleBenchmark`.
                """.formatted(ACCOUNTS, SKUS, ACCOUNTS * SKUS, lines, firstPlan, atRisk, secondPlan, reforecast,
                refreshed, WEEKS);
        Path out = Path.of("target", "benchmarks", "planning-at-scale.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private void insertSales(List<Object[]> sales) {
        jdbc.batchUpdate("insert into sale_line (event_id, account_id, sku, quantity, occurred_at) values (?, ?, ?, ?, ?)",
                sales);
        sales.clear();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
