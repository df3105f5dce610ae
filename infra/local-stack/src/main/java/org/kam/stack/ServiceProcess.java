package org.kam.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One KAM service running from its jar in a JVM of its own. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    final Service service;
    final int port;
    final Path log;
    /** The extraction of the service's jar it runs from, with its class-data-sharing archive. */
    private final ServiceJar jar;
    private final Path pidFile;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile Path workingDirectory;
    private volatile Map<String, String> environment;
    private volatile java.time.Instant launchedAt;
    /** This run writes the class-data-sharing archive as it exits: it may take longer to stop. */
    private volatile boolean writesArchive;

    ServiceProcess(Service service, int port, ServiceJar jar, Path log, Path pidFile) {
        this.service = service;
        this.port = port;
        this.jar = jar;
        this.log = log;
        this.pidFile = pidFile;
    }

    void launch(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.launchedAt = java.time.Instant.now();
        // Four Spring Boot JVMs beside Kafka and PostgreSQL on two cores. C1 only: ready in ~28 s instead
        // of ~47 s, and the full demo applied faster too (60 s against 77 s: the optimising compiler's
        // own work costs more than it wins in a minute). The serial collector: the full demo applied in
        // 53-58 s instead of 58-62 s under G1, whose concurrent threads and barriers cost more than a
        // small heap's pauses. KAM_SERVICE_JVM_OPTIONS replaces these (a long load test may want C2).
        // The classes come from a class-data-sharing archive of the last run (ServiceJar; KAM_SERVICE_CDS=off: not).
        List<String> arguments = new java.util.ArrayList<>(jvmOptions(System.getenv("KAM_SERVICE_JVM_OPTIONS")));
        List<String> sharing = jar.classDataSharing(System.getenv("KAM_SERVICE_CDS"));
        writesArchive = sharing.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit"));
        arguments.addAll(sharing);
        arguments.addAll(List.of("-jar", jar.jar.toAbsolutePath().toString()));
        List<String> command = Processes.javaCommand(arguments);
        process = Processes.start(command, workingDirectory, environment, log);
        if (stopping) {
            // close() ran while this was starting and may not have seen the process.
            close();
            throw new StackException("Stopped while starting " + service.module);
        }
        Processes.writePid(pidFile, process.pid());
    }

    // 256 MB of heap: the serial collector fills the heap it may use before a full collection, so a
    // service's resident memory settles at its heap plus ~180 MB (class-data archive, code, threads);
    // with 384 MB supply-service reached 525-575 MB after repeated load runs, while the live data of
    // every service stays under 90 MB (issue 12, GC.class_histogram).
    // jdk.nio.maxCachedBufferSize: the JDK keeps, per thread, a direct copy of the largest buffer it
    // wrote to or read from a socket; Kafka's fetches made that 15 MB in insight-service (Native
    // Memory Tracking, "Other"), 3 MB with the cache limited to 256 KB.
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Djdk.nio.maxCachedBufferSize=262144");

    /** The services' JVM options: {@code KAM_SERVICE_JVM_OPTIONS} split on spaces, or the defaults. */
    static List<String> jvmOptions(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return List.of(configured.trim().split("\\s+"));
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Whether the service reports itself ready for traffic. Fails once the process has died, naming
     * the service and showing the end of its log.
     */
    boolean ready() {
        if (!process.isAlive()) {
            throw new StackException(service.module + " exited with code " + process.exitValue()
                    + " before it was ready. Its log " + log + " ends with:" + System.lineSeparator()
                    + Processes.tail(log, 30));
        }
        int readiness = status("/actuator/health/readiness");
        // Without health probes configured only the overall health exists; it serves as well.
        return readiness == 200 || (readiness == 404 && status("/actuator/health") == 200);
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve(path)).timeout(Duration.ofSeconds(3)).GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for " + service.module, e);
        }
    }

    /** Runs {@code whenDied} if the service stops on its own, i.e. not through {@link #close()}. */
    void onUnexpectedExit(Runnable whenDied) {
        process.onExit().thenRun(() -> {
            if (!stopping) {
                whenDied.run();
            }
        });
    }

    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** How long the current (or last) process ran, or has been running. */
    Duration uptime() {
        return Duration.between(launchedAt, java.time.Instant.now());
    }

    boolean stopping() {
        return stopping;
    }

    /** Starts the service again as it was first launched (same jar, directory and environment). */
    void relaunch(String reason) {
        Processes.note(log, reason);
        launch(workingDirectory, environment);
    }

    /** Asks the service to stop (Spring shuts down gracefully on SIGTERM) without waiting for it. */
    void requestStop() {
        stopping = true;
        Process running = process;
        if (running != null) {
            running.destroy();
        }
    }

    @Override
    public void close() {
        stopping = true;
        Process running = process;
        if (running != null) {
            // Four JVMs writing their ~100 MB archives at once on two cores take a while after Spring stopped.
            Processes.stop(running, Duration.ofSeconds(writesArchive ? 60 : 20));
            Processes.deletePid(pidFile);
        }
    }
}
