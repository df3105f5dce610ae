package org.kam.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of every process of the stack, read from /proc: the four services,
 * Kafka, PostgreSQL (all its processes, memory as proportional set size so its shared buffers count
 * once) and Prometheus. Sampled on a thread of its own while the run goes on.
 */
final class ProcessSampler implements AutoCloseable {

    static final List<String> COMPONENTS = List.of("account-service", "relationship-service", "supply-service",
            "insight-service", "kafka", "postgresql", "prometheus", "load-harness");

    /** What one component used over the run: CPU seconds, and its largest resident memory. */
    record Usage(String component, double cpuSeconds, long maxResidentBytes) {
    }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    /** Per process: its component, its CPU ticks when first seen (0 if it started during the run), the latest. */
    private final Map<Path, long[]> ticksByProcess = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Path, String> componentByProcess = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> maxResident = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    ProcessSampler() {
        sampleTicks(true);
        thread = new Thread(() -> {
            while (running) {
                sampleTicks(false);
                resident().forEach((component, bytes) -> maxResident.merge(component, bytes, Math::max));
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000_000L); // smaps_rollup walks every mapping
            }
        }, "kam-load-process-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The usage from the sampler's start until now, per component found. A process that ended
     * during the run (a database connection closed) counts with its CPU up to the last sample.
     */
    List<Usage> usage() {
        sampleTicks(false);
        Map<String, Long> used = new LinkedHashMap<>();
        ticksByProcess.forEach((pid, ticks) -> used.merge(componentByProcess.get(pid), ticks[1] - ticks[0], Long::sum));
        return COMPONENTS.stream().filter(used::containsKey)
                .map(component -> new Usage(component, used.get(component) / TICKS_PER_SECOND,
                        maxResident.getOrDefault(component, 0L)))
                .toList();
    }

    private void sampleTicks(boolean atStart) {
        forEachProcess((component, pid) -> {
            String[] stat = read(pid.resolve("stat")).replaceFirst("^.*\\) ", "").split(" ");
            if (stat.length > 12) {
                // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
                long now = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                componentByProcess.putIfAbsent(pid, component);
                ticksByProcess.computeIfAbsent(pid, p -> new long[] { atStart ? now : 0, now })[1] = now;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }

    /** The component a process belongs to, from its command line; null for the rest of the machine. */
    static String componentOf(String commandLine, String name) {
        if (name.equals("postgres")) {
            return "postgresql";
        }
        if (name.equals("prometheus")) {
            return "prometheus";
        }
        for (String service : COMPONENTS.subList(0, 4)) {
            if (commandLine.contains(service + "-") && commandLine.contains(".jar")) {
                return service;
            }
        }
        if (commandLine.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (commandLine.contains("org.kam.load.LoadHarness") || commandLine.contains("kam-load-harness")) {
            return "load-harness";
        }
        return null;
    }

    private static Map<String, Long> resident() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        forEachProcess((component, pid) -> {
            String field = component.equals("postgresql") ? "Pss:" : "Rss:";
            for (String line : read(pid.resolve("smaps_rollup")).split("\n")) {
                if (line.startsWith(field)) {
                    bytes.merge(component, 1024 * Long.parseLong(line.replaceAll("\\D", "")), Long::sum);
                }
            }
        });
        return bytes;
    }

    private static void forEachProcess(java.util.function.BiConsumer<String, Path> action) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(pid -> {
                String component = componentOf(read(pid.resolve("cmdline")).replace('\0', ' '),
                        read(pid.resolve("comm")).trim());
                if (component != null) {
                    action.accept(component, pid);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return ""; // the process ended meanwhile, or is not ours to read
        }
    }
}
