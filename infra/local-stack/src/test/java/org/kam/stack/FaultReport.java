package org.kam.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What a fault-injection run found, and the markdown report of it. */
record FaultReport(FaultPlan plan, int sent, int acknowledged, List<FaultRun.InjectedFault> faults,
        List<String> supervision, Map<String, Long> found, Map<String, Long> lost, Map<String, Long> duplicated,
        Map<String, Long> outOfOrder, Map<String, java.math.BigDecimal> revenueMismatches, List<String> tierMismatches,
        int accountsTiered, long duplicateNotifications, long duplicateProtections, long deadLettered,
        Duration caughtUpAfter, Duration recoveryAfterLastFault) {

    long totalLost() {
        return lost.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalDuplicated() {
        return duplicated.values().stream().mapToLong(Long::longValue).sum() + duplicateNotifications
                + duplicateProtections;
    }

    long totalOutOfOrder() {
        return outOfOrder.values().stream().mapToLong(Long::longValue).sum();
    }

    String markdown(String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault injection: ").append(plan.name()).append(" run, ").append(LocalDate.now()).append("\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(", Java ").append(System.getProperty("java.version"))
                .append("; Kafka, PostgreSQL and the four services on it, as `./kam up` starts them.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| sales sent / acknowledged by Kafka | ").append(sent).append(" / ").append(acknowledged).append(" |\n");
        md.append("| accounts | ").append(accountsTiered).append(" |\n");
        md.append("| faults injected | ").append(faults.size()).append(" |\n");
        md.append("| lost | ").append(totalLost()).append(" |\n");
        md.append("| duplicated | ").append(totalDuplicated()).append(" |\n");
        md.append("| out of order | ").append(totalOutOfOrder()).append(" |\n");
        md.append("| dead-lettered | ").append(deadLettered).append(" |\n");
        md.append("| revenue mismatches | ").append(revenueMismatches.size()).append(" |\n");
        md.append("| tier mismatches (against a from-scratch computation) | ").append(tierMismatches.size()).append(" |\n");
        md.append("| caught up after the first sale | ").append(seconds(caughtUpAfter)).append(" |\n");
        md.append("| time to recover (last fault over → every group at lag 0, every outbox empty) | ")
                .append(seconds(recoveryAfterLastFault)).append(" |\n\n");
        md.append("| where | found | lost | duplicated | out of order |\n|---|---|---|---|---|\n");
        found.forEach((where, count) -> md.append("| ").append(where).append(" | ").append(count).append(" | ")
                .append(lost.get(where)).append(" | ").append(duplicated.get(where)).append(" | ")
                .append(outOfOrder.get(where)).append(" |\n"));
        md.append("| notifications (same source, department, kind) | | | ").append(duplicateNotifications).append(" | |\n");
        md.append("| protections (same account and SKU) | | | ").append(duplicateProtections).append(" | |\n\n");
        md.append("## Faults\n\n| planned at | started | over | fault |\n|---|---|---|---|\n");
        faults.forEach(f -> md.append("| ").append(seconds(f.plannedAt())).append(" | ").append(seconds(f.startedAt()))
                .append(" | ").append(seconds(f.endedAt())).append(" | ").append(f.what()).append(" |\n"));
        md.append("\n## What the stack's supervisor said\n\n");
        supervision.forEach(line -> md.append("- ").append(line.replaceAll("; see .*", "")).append('\n'));
        if (!tierMismatches.isEmpty()) {
            md.append("\n## Tier mismatches\n\n");
            tierMismatches.forEach(m -> md.append("- ").append(m).append('\n'));
        }
        return md.toString();
    }

    void write(Path file, String command) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown(command));
    }

    private static String seconds(Duration d) {
        return "%.1f s".formatted(d.toMillis() / 1000.0);
    }
}
