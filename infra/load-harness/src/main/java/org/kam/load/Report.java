package org.kam.load;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The run as a markdown page and a bar chart (SVG, readable on GitHub): machine, command, the raw
 * Kafka baseline and the end-to-end rate with their ratio, each process's CPU and memory, and the
 * issue's targets with what is missing.
 */
final class Report {

    /** Sustained end-to-end: sales sent and how long until the system had finished with them. */
    record EndToEnd(long sales, double sendSeconds, double salesConsumedSeconds, double drainedSeconds) {
        double perSecond() {
            return sales / drainedSeconds;
        }
    }

    record Machine(int cores, long memoryBytes, String os, String java, String serviceJvmOptions) {
    }

    static final double TARGET_SALES_PER_SECOND = 5_000;
    static final long TARGET_RESIDENT_BYTES = 512L * 1024 * 1024;
    static final double TARGET_HEALTHY_SECONDS = 30;

    private Report() {
    }

    static String markdown(String date, String command, Machine machine, RawBaseline.Result raw, EndToEnd run,
            List<ProcessSampler.Usage> usage, List<LatencyProbe.Result> latencies, OptionalDouble healthySeconds,
            String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("# Load harness: ").append(date).append("\n\n");
        md.append(f("Machine: %d cores, %.0f GB, %s, Java %s; services' JVM options `%s`.%n%n", machine.cores(),
                machine.memoryBytes() / 1e9, machine.os(), machine.java(), machine.serviceJvmOptions()));
        md.append("Command: `").append(command).append("` against the local stack as `./kam up` starts it ")
                .append("(Kafka, PostgreSQL and the four services on this machine).\n\n");
        md.append("![throughput](").append(chartFile).append(")\n\n");
        md.append("| | records | per second | of raw produce |\n|---|---:|---:|---:|\n");
        md.append(f("| raw Kafka produce (acks=all, same producer) | %,d | %,.0f | 100 %% |%n", raw.records(),
                raw.producedPerSecond()));
        md.append(f("| raw Kafka consume (one consumer) | %,d | %,.0f | %.0f %% |%n", raw.records(),
                raw.consumedPerSecond(), 100 * raw.consumedPerSecond() / raw.producedPerSecond()));
        md.append(f("| **end to end** (every group at lag 0, every outbox empty) | %,d | **%,.0f** | %.1f %% |%n",
                run.sales(), run.perSecond(), 100 * run.perSecond() / raw.producedPerSecond()));
        md.append(f("%nSent in %.1f s; kam.sales.v1 consumed by every service after %.1f s; everything "
                + "the sales caused consumed and published after %.1f s.%n%n", run.sendSeconds(),
                run.salesConsumedSeconds(), run.drainedSeconds()));
        md.append("| process | CPU s | CPU share of the run | max resident MB |\n|---|---:|---:|---:|\n");
        for (ProcessSampler.Usage use : usage) {
            md.append(f("| %s | %.1f | %.0f %% of one core | %,.0f |%n", use.component(), use.cpuSeconds(),
                    100 * use.cpuSeconds() / run.drainedSeconds(), use.maxResidentBytes() / 1048576.0));
        }
        if (!latencies.isEmpty()) {
            md.append("\n## Latency at fixed rates\n\nFrom handing a sale to the producer to reading, on a consumer "
                    + "of the harness, the `TierChanged` naming it, the first `ReservationChanged` of an account it made "
                    + "KEY or POTENTIAL, and the first `NotificationIssued` sourced from it or its tier change. "
                    + "Milliseconds, p50 / p99 / p99.9 (events timed).\n\n"
                    + "| sales/s | sales | → TierChanged | → reservation | → notification |\n|---:|---:|---|---|---|\n");
            for (LatencyProbe.Result result : latencies) {
                md.append(f("| %,.0f | %,d | %s | %s | %s |%n", result.rate(), result.sales(), cell(result.tierChanged()),
                        cell(result.reservation()), cell(result.notification())));
            }
        }
        md.append("\n## Targets (issue 12)\n\n| target | measured | |\n|---|---:|---|\n");
        md.append(f("| ≥ 5,000 sales/s sustained | %,.0f | %s |%n", run.perSecond(),
                run.perSecond() >= TARGET_SALES_PER_SECOND ? "met"
                        : f("missed by %.0f %%", 100 * (1 - run.perSecond() / TARGET_SALES_PER_SECOND))));
        for (LatencyProbe.Result result : latencies) {
            if (result.rate() == 1000) {
                md.append(target("p99 sale → TierChanged ≤ 50 ms at 1,000/s", result.tierChanged(), 50));
                md.append(target("p99 sale → reservation ≤ 100 ms at 1,000/s", result.reservation(), 100));
                md.append(target("p99 sale → notification ≤ 150 ms at 1,000/s", result.notification(), 150));
            }
        }
        for (ProcessSampler.Usage use : usage) {
            if (use.component().endsWith("-service")) {
                md.append(f("| %s ≤ 512 MB resident | %,.0f MB | %s |%n", use.component(),
                        use.maxResidentBytes() / 1048576.0,
                        use.maxResidentBytes() <= TARGET_RESIDENT_BYTES ? "met" : "missed"));
            }
        }
        md.append(healthySeconds.isPresent()
                ? f("| stack healthy ≤ 30 s after `./kam up` (a build included when sources changed) | %.1f s | %s |%n", healthySeconds.getAsDouble(),
                        healthySeconds.getAsDouble() <= TARGET_HEALTHY_SECONDS ? "met" : "missed")
                : "| stack healthy ≤ 30 s after `./kam up` (a build included when sources changed) | unknown | not measured (no launcher or readiness found) |\n");
        return md.toString();
    }

    private static String cell(LatencyProbe.Percentiles p) {
        return p.count() == 0 ? "none seen" : f("%,.0f / %,.0f / %,.0f (%,d)", p.p50(), p.p99(), p.p999(), p.count());
    }

    private static String target(String name, LatencyProbe.Percentiles p, double limitMillis) {
        if (p.count() == 0) {
            return f("| %s | none seen | not measured |%n", name);
        }
        return f("| %s | %,.0f ms | %s |%n", name, p.p99(),
                p.p99() <= limitMillis ? "met" : f("missed: %.1f× the limit", p.p99() / limitMillis));
    }

    /** Horizontal bars: raw produce, raw consume, end to end, in records per second. */
    static String chart(RawBaseline.Result raw, EndToEnd run) {
        String[] labels = { "raw produce", "raw consume", "end to end" };
        double[] values = { raw.producedPerSecond(), raw.consumedPerSecond(), run.perSecond() };
        double max = Math.max(values[0], Math.max(values[1], values[2]));
        StringBuilder svg = new StringBuilder(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"150\" font-family=\"sans-serif\" font-size=\"13\">\n");
        for (int i = 0; i < labels.length; i++) {
            int y = 20 + i * 40;
            double width = max == 0 ? 0 : 420 * values[i] / max;
            svg.append(f("  <text x=\"0\" y=\"%d\">%s</text>%n", y + 15, labels[i]));
            svg.append(f("  <rect x=\"100\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>%n", y, Math.max(width, 1),
                    i == 2 ? "#d9534f" : "#5b8def"));
            svg.append(f("  <text x=\"%.1f\" y=\"%d\">%,.0f/s</text>%n", 106 + Math.max(width, 1), y + 15, values[i]));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
