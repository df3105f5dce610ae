package org.kam.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static final RawBaseline.Result RAW = new RawBaseline.Result(100_000, 60_000, 120_000);
    private static final Report.EndToEnd RUN = new Report.EndToEnd(100_000, 2.0, 30.0, 40.0);
    private static final Report.Machine MACHINE = new Report.Machine(2, 24_000_000_000L, "Linux amd64", "17.0.13",
            "-Xmx384m");

    @Test
    void theReportGivesEachRateWithItsShareOfRawKafkaAndEachProcessWithItsCpuAndMemory() {
        String page = Report.markdown("2026-12-03", "./kam load --sales 100000", MACHINE, RAW, RUN, List.of(
                new ProcessSampler.Usage("account-service", 20.0, 400L * 1048576),
                new ProcessSampler.Usage("postgresql", 30.0, 200L * 1048576),
                new ProcessSampler.Usage("supply-service", 36.0, 600L * 1048576)), List.of(
                new LatencyProbe.Result(1000, 30_000, new LatencyProbe.Percentiles(900, 12, 40, 80, 95),
                        new LatencyProbe.Percentiles(0, 0, 0, 0, 0),
                        new LatencyProbe.Percentiles(400, 100, 300, 500, 600))), OptionalDouble.of(27.46),
                "2026-12-03-load-harness.svg");

        assertThat(page.lines()).contains(
                "# Load harness: 2026-12-03",
                "Machine: 2 cores, 24 GB, Linux amd64, Java 17.0.13; services' JVM options `-Xmx384m`.",
                "![throughput](2026-12-03-load-harness.svg)",
                "| raw Kafka produce (acks=all, same producer) | 100,000 | 60,000 | 100 % |",
                "| raw Kafka consume (one consumer) | 100,000 | 120,000 | 200 % |",
                "| **end to end** (every group at lag 0, every outbox empty) | 100,000 | **2,500** | 4.2 % |",
                "Sent in 2.0 s; kam.sales.v1 consumed by every service after 30.0 s; everything the sales caused "
                        + "consumed and published after 40.0 s.",
                "| account-service | 20.0 | 50 % of one core | 400 |",
                "| postgresql | 30.0 | 75 % of one core | 200 |",
                "| 1,000 | 30,000 | 12 / 40 / 80 (900) | none seen | 100 / 300 / 500 (400) |",
                "| ≥ 5,000 sales/s sustained | 2,500 | missed by 50 % |",
                "| p99 sale → TierChanged ≤ 50 ms at 1,000/s | 40 ms | met |",
                "| p99 sale → reservation ≤ 100 ms at 1,000/s | none seen | not measured |",
                "| p99 sale → notification ≤ 150 ms at 1,000/s | 300 ms | missed: 2.0× the limit |",
                "| account-service ≤ 512 MB resident | 400 MB | met |",
                "| supply-service ≤ 512 MB resident | 600 MB | missed |",
                "| stack healthy ≤ 30 s after `./kam up` (a build included when sources changed) | 27.5 s | met |");
        assertThat(page).doesNotContain("postgresql ≤ 512 MB");
    }

    @Test
    void aStackWhoseStartCouldNotBeMeasuredSaysSo() {
        String page = Report.markdown("2026-12-03", "./kam load", MACHINE, RAW, RUN, List.of(), List.of(),
                OptionalDouble.empty(), "chart.svg");

        assertThat(page.lines()).contains(
                "| stack healthy ≤ 30 s after `./kam up` (a build included when sources changed) | unknown | not measured (no launcher or readiness found) |");
    }

    @Test
    void theChartDrawsTheLargestRateFullWidthAndTheOthersInProportion() {
        String svg = Report.chart(RAW, RUN);

        assertThat(svg).contains(
                "<rect x=\"100\" y=\"20\" width=\"210.0\" height=\"22\" fill=\"#5b8def\"/>",
                "<rect x=\"100\" y=\"60\" width=\"420.0\" height=\"22\" fill=\"#5b8def\"/>",
                "<rect x=\"100\" y=\"100\" width=\"8.8\" height=\"22\" fill=\"#d9534f\"/>",
                ">2,500/s</text>");
    }
}
