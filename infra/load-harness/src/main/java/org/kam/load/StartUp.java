package org.kam.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * How long the running stack took to be healthy after its run command ({@code ./kam up}): from the
 * start of the launcher's process to the moment the last of the four services was ready. Each
 * service says how long after its own JVM started it became ready (Spring Boot's
 * {@code application.ready.time}, on its Prometheus endpoint); the start of every process comes
 * from /proc. Measured after the fact, so it describes the stack the load ran on.
 */
final class StartUp {

    /** A service's process start (clock ticks since boot) and its readiness, seconds after that. */
    record Ready(long startTicks, double readySeconds) {
    }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private StartUp() {
    }

    /**
     * Seconds from the launcher's start to the last service's readiness; empty when a service's
     * readiness is unknown.
     */
    static OptionalDouble secondsToHealthy(long launcherStartTicks, Map<String, Optional<Ready>> services) {
        double last = 0;
        for (Optional<Ready> ready : services.values()) {
            if (ready.isEmpty()) {
                return OptionalDouble.empty();
            }
            last = Math.max(last, (ready.get().startTicks() - launcherStartTicks) / TICKS_PER_SECOND
                    + ready.get().readySeconds());
        }
        return services.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(last);
    }

    /** {@code application_ready_time_seconds} from a Prometheus text page; empty when it has none. */
    static OptionalDouble readyTime(String prometheusText) {
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("application_ready_time_seconds")) {
                String[] parts = line.trim().split(" ");
                try {
                    return OptionalDouble.of(Double.parseDouble(parts[parts.length - 1]));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** Measures the running stack: the launcher's and the services' processes, the services' ports from the environment. */
    static OptionalDouble measure(Map<String, String> environment) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("account-service", port(environment, "KAM_ACCOUNT_PORT", 8081));
        ports.put("relationship-service", port(environment, "KAM_RELATIONSHIP_PORT", 8082));
        ports.put("supply-service", port(environment, "KAM_SUPPLY_PORT", 8083));
        ports.put("insight-service", port(environment, "KAM_INSIGHT_PORT", 8084));
        Optional<Long> launcher = startOf(commandLine -> commandLine.contains("kam-local-stack") && commandLine.contains(" up"));
        if (launcher.isEmpty()) {
            return OptionalDouble.empty();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Optional<Ready>> services = new LinkedHashMap<>();
        ports.forEach((service, port) -> {
            Optional<Long> start = startOf(commandLine -> ProcessSampler.componentOf(commandLine, "java") != null
                    && service.equals(ProcessSampler.componentOf(commandLine, "java")));
            OptionalDouble ready = readyTime(get(http, "http://127.0.0.1:" + port + "/actuator/prometheus"));
            services.put(service, start.isPresent() && ready.isPresent()
                    ? Optional.of(new Ready(start.get(), ready.getAsDouble())) : Optional.empty());
        });
        return secondsToHealthy(launcher.get(), services);
    }

    private static int port(Map<String, String> environment, String name, int fallback) {
        try {
            return Integer.parseInt(environment.getOrDefault(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException | InterruptedException | RuntimeException unreachable) {
            if (unreachable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "";
        }
    }

    /** The start (clock ticks since boot) of the oldest process whose command line matches. */
    private static Optional<Long> startOf(java.util.function.Predicate<String> commandLine) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(pid -> commandLine.test(read(pid.resolve("cmdline")).replace('\0', ' ')))
                    .map(pid -> read(pid.resolve("stat")).replaceFirst("^.*\\) ", "").split(" "))
                    .filter(stat -> stat.length > 19)
                    .map(stat -> Long.parseLong(stat[19])) // starttime: field 22 of stat, 20 after the command name
                    .min(Long::compare);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}
