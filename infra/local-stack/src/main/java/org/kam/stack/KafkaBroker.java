package org.kam.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a JVM of its own, run from
 * the classpath infra/kafka-broker gathers. Its storage is formatted once; restarts keep the topics.
 */
final class KafkaBroker implements AutoCloseable {

    static final String MARKER = "kafka.Kafka";

    private final Path brokerModule;
    private final Path dataDir;
    private final int port;
    private final Path log;
    private final Path pidFile;
    private volatile Process process;
    private volatile boolean closed;

    /**
     * @param brokerModule infra/kafka-broker, holding target/lib and log4j2.xml
     * @param dataDir      the stack's data folder; the broker's log segments go to its kafka/ folder
     */
    KafkaBroker(Path brokerModule, Path dataDir, int port, Path log, Path pidFile) {
        this.brokerModule = brokerModule;
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
        this.pidFile = pidFile;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path logDirectory() {
        return dataDir.resolve("kafka");
    }

    static Path classpathFolder(Path brokerModule) {
        return brokerModule.resolve("target").resolve("lib");
    }

    /** Starts the broker process without waiting for it; see {@link #awaitReady}. */
    void launch() {
        Path config = writeServerProperties();
        if (!Files.exists(logDirectory().resolve("meta.properties"))) {
            format(config);
        }
        process = Processes.start(java(jvmOptions(System.getenv("KAM_KAFKA_JVM_OPTIONS")), "kafka.Kafka",
                config.toString()), dataDir, Map.of(), log);
        if (closed) {
            // close() ran while this was starting and may not have seen the process.
            close();
            throw new StackException("Stopped while starting Kafka");
        }
        Processes.writePid(pidFile, process.pid());
    }

    /** Waits until clients can use the broker: its port accepts connections and it answers an admin request. */
    void awaitReady(Duration timeout, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cancelled.getAsBoolean()) {
                throw new StackException("Stopped while waiting for Kafka");
            }
            if (!process.isAlive()) {
                throw new StackException("The Kafka broker exited with code " + process.exitValue()
                        + " while starting. Its log " + log + " ends with:" + System.lineSeparator()
                        + Processes.tail(log, 25));
            }
            if (Ports.accepting(port) && answersAdminRequests()) {
                return;
            }
            Processes.pause(Duration.ofMillis(300));
        }
        throw new StackException("The Kafka broker was not ready on " + bootstrapServers() + " after "
                + timeout.toSeconds() + " s; see " + log);
    }

    private boolean answersAdminRequests() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            admin.listTopics().names().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for Kafka", e);
            }
            return false;
        }
    }

    /**
     * Formats the storage once per data folder. The cluster id is kept beside it, so a deleted kafka/
     * folder comes back as the same cluster.
     */
    private void format(Path config) {
        String clusterId = clusterId();
        Process format = Processes.start(java(List.of("-Xmx256m"), "kafka.tools.StorageTool", "format",
                // The "=" form: an id may start with "-" (one in 64 before ids were drawn without it), which
                // the tool's argument parser would otherwise read as an option.
                "--cluster-id=" + clusterId, "--config=" + config), dataDir, Map.of(), log);
        try {
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new StackException("Formatting Kafka's storage in " + logDirectory() + " failed; its log "
                        + log + " ends with:" + System.lineSeparator() + Processes.tail(log, 15));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while formatting Kafka's storage", e);
        }
    }

    /** The id of this data folder's cluster, kept in a file beside it. */
    private String clusterId() {
        Path file = dataDir.resolve("kafka-cluster-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id = newClusterId(new SecureRandom());
            Files.writeString(file, id + System.lineSeparator());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * 16 random bytes, base64url without padding, as Kafka's own tool makes, and like Kafka's
     * {@code Uuid.randomUuid()} never starting with "-": command-line tools would read such an id as an option.
     */
    static String newClusterId(Random random) {
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private Path writeServerProperties() {
        int controllerPort = port + 1;
        Properties server = new Properties();
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        server.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        server.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        server.put("controller.listener.names", "CONTROLLER");
        server.put("inter.broker.listener.name", "PLAINTEXT");
        server.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        server.put("log.dirs", logDirectory().toAbsolutePath().toString());
        server.put("num.partitions", "3");
        server.put("offsets.topic.replication.factor", "1");
        // One partition instead of 50 makes the first consumer group join of a fresh stack seconds faster.
        server.put("offsets.topic.num.partitions", "1");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("share.coordinator.state.topic.replication.factor", "1");
        server.put("share.coordinator.state.topic.min.isr", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        Path file = dataDir.resolve("kafka.properties");
        try (var out = Files.newBufferedWriter(file)) {
            server.store(out, "Written by the KAM local stack on every start (ports may change); edits are lost.");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms512m", "-Xmx1g", "-XX:+UseG1GC");

    /** The broker's JVM options: {@code KAM_KAFKA_JVM_OPTIONS} split on spaces, or the defaults. */
    static List<String> jvmOptions(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return List.of(configured.trim().split("\\s+"));
    }

    private List<String> java(List<String> jvmOptions, String mainClass, String... arguments) {
        List<String> args = new ArrayList<>(jvmOptions);
        args.add("-Dlog4j2.configurationFile=" + brokerModule.resolve("log4j2.xml").toAbsolutePath());
        args.add("-cp");
        args.add(classpathFolder(brokerModule).toAbsolutePath() + "/*");
        args.add(mainClass);
        args.addAll(List.of(arguments));
        return Processes.javaCommand(args);
    }

    @Override
    public void close() {
        closed = true;
        Process running = process;
        if (running != null) {
            Processes.stop(running, Duration.ofSeconds(30));
            Processes.deletePid(pidFile);
        }
    }
}
