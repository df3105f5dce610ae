package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The short fault-injection run (ADR 7, 8): 3,000 sales through the whole system while every service
 * is killed once with SIGKILL and PostgreSQL is down for 15 s. The full run is
 * {@code FaultInjectionSuite} (README, "Fault injection").
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NothingLostUnderFaultsE2EIT {

    @Test
    void every_sale_is_applied_once_in_order_while_services_die_and_the_database_restarts() throws Exception {
        try (Stack stack = FaultRun.wholeStack("fault-short-data").build()) {
            stack.start();

            FaultReport report = new FaultRun(stack, FaultPlan.shortPlan(), System.out).run();
            report.write(Path.of("target", "fault-injection-short.md"),
                    "./mvnw -B -ntp verify (NothingLostUnderFaultsE2EIT)");

            assertThat(report.acknowledged()).isEqualTo(3_000);
            assertThat(report.faults()).hasSize(5);
            assertThat(report.lost()).as("lost").containsOnly(
                    java.util.Map.entry("account revenue", 0L), java.util.Map.entry("supply demand", 0L),
                    java.util.Map.entry("insight facts", 0L));
            assertThat(report.totalDuplicated()).as("duplicated").isZero();
            assertThat(report.totalOutOfOrder()).as("out of order").isZero();
            assertThat(report.revenueMismatches()).as("revenue").isEmpty();
            assertThat(report.tierMismatches()).as("tiers against a from-scratch computation").isEmpty();
            assertThat(report.deadLettered()).as("dead-lettered").isZero();
            assertThat(report.supervision()).as("restarts").filteredOn(line -> line.contains(" restarted (pid"))
                    .hasSizeGreaterThanOrEqualTo(4);
        }
    }
}
