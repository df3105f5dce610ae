package org.kam.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The Prometheus the local stack runs when one is installed (Debian's {@code prometheus} package, or
 * the binary {@code KAM_PROMETHEUS} names): it scrapes every service's {@code /actuator/prometheus}
 * and evaluates {@code infra/observability/prometheus/alerts.yml}, as production would. Its
 * configuration is written on every start, because the services' ports may change.
 */
final class PrometheusServer implements AutoCloseable {

    static final String MARKER = "prometheus";
    /** The job every KAM service is scraped under; the alert rules select it. */
    static final String JOB = "kam";

    private final Path binary;
    private final Path repoRoot;
    private final Path dataDir;
    private final int port;
    private final Path log;
    private final Path pidFile;
    private volatile Process process;
    private volatile boolean closed;

    PrometheusServer(Path binary, Path repoRoot, Path dataDir, int port, Path log, Path pidFile) {
        this.binary = binary;
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * The Prometheus binary to run: {@code KAM_PROMETHEUS} when it names one, none when it says
     * {@code off}, else {@code prometheus} on the PATH.
     */
    static Optional<Path> binary(Map<String, String> env) {
        String chosen = env.getOrDefault("KAM_PROMETHEUS", "").trim();
        if (chosen.equalsIgnoreCase("off") || chosen.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        if (!chosen.isEmpty()) {
            Path path = Path.of(chosen);
            if (!Files.isExecutable(path)) {
                throw new StackException("KAM_PROMETHEUS names " + chosen + ", which is not an executable file"
                        + " (say KAM_PROMETHEUS=off to run without Prometheus)");
            }
            return Optional.of(path);
        }
        for (String folder : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path rules() {
        return repoRoot.resolve("infra/observability/prometheus/alerts.yml");
    }

    /** Starts Prometheus without waiting for it; see {@link #awaitReady}. */
    void launch(Map<Service, Integer> servicePorts) {
        Path folder = dataDir.resolve("prometheus");
        Path config = folder.resolve("prometheus.yml");
        try {
            Files.createDirectories(folder.resolve("data"));
            Files.writeString(config, configuration(servicePorts, rules(), Duration.ofSeconds(5)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = Processes.start(List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--storage.tsdb.retention.time=7d",
                "--web.listen-address=127.0.0.1:" + port,
                // POST /-/reload after editing the rules; nothing here listens beyond this machine.
                "--web.enable-lifecycle"), folder, Map.of(), log);
        if (closed) {
            close();
            throw new StackException("Stopped while starting Prometheus");
        }
        Processes.writePid(pidFile, process.pid());
    }

    /**
     * The scrape configuration: each service a target of job {@value #JOB} with a {@code service}
     * label, scraped every {@code interval}; the alert rules beside it.
     */
    static String configuration(Map<Service, Integer> servicePorts, Path rules, Duration interval) {
        StringBuilder yaml = new StringBuilder("""
                # Written by the KAM local stack on every start (ports may change); edits are lost.
                global:
                  scrape_interval: %1$ds
                  evaluation_interval: %1$ds
                rule_files:
                  - "%2$s"
                scrape_configs:
                  - job_name: %3$s
                    metrics_path: /actuator/prometheus
                    static_configs:
                """.formatted(interval.toSeconds(), rules.toAbsolutePath(), JOB));
        servicePorts.forEach((service, port) -> yaml.append("""
                      - targets: ["127.0.0.1:%d"]
                        labels:
                          service: %s
                """.formatted(port, service.module)));
        return yaml.toString();
    }

    /** Waits until Prometheus answers {@code /-/ready}. */
    void awaitReady(Duration timeout, BooleanSupplier cancelled) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cancelled.getAsBoolean()) {
                throw new StackException("Stopped while waiting for Prometheus");
            }
            if (!process.isAlive()) {
                throw new StackException("Prometheus exited with code " + process.exitValue() + " while starting."
                        + " Its log " + log + " ends with:" + System.lineSeparator() + Processes.tail(log, 15));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(url().resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for Prometheus", e);
            }
            Processes.pause(Duration.ofMillis(300));
        }
        throw new StackException("Prometheus was not ready on " + url() + " after " + timeout.toSeconds()
                + " s; see " + log);
    }

    @Override
    public void close() {
        closed = true;
        Process running = process;
        if (running != null) {
            Processes.stop(running, Duration.ofSeconds(20));
            Processes.deletePid(pidFile);
        }
    }
}
