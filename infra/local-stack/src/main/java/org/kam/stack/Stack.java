package org.kam.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.kam.devsignin.DevSignIn;

/**
 * The whole KAM system on one machine: PostgreSQL, a Kafka broker and the services, each service in a
 * JVM of its own as in production. {@link #start()} returns once all of them are ready;
 * {@link #close()} stops them in reverse order. Everything is kept in one data folder, so a new
 * stack on the same folder finds the previous one's accounts, topics and token keys.
 */
final class Stack implements AutoCloseable {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);
    /** The dashboard's client id at the development sign-in. */
    static final String DASHBOARD_CLIENT = "kam-dashboard";

    private final Path repoRoot;
    private final Path dataDir;
    private final int postgresPort;
    private final ExternalDatabase externalDatabase;
    private final int kafkaPort;
    private final Map<Service, Integer> servicePorts;
    private final Duration readinessTimeout;
    private final PrintStream progress;

    private boolean started;
    private volatile boolean closing;
    private JwtKeys keys;
    private final int signInPort;
    private DevSignIn signIn;
    private String dashboardSecret;
    private Postgres postgres;
    private KafkaBroker kafka;
    private final Path prometheusBinary;
    private final Map<String, String> extraEnvironment;
    private final int prometheusPort;
    private PrometheusServer prometheus;
    private final List<ServiceProcess> services = new ArrayList<>();

    private Stack(Builder builder) {
        this.repoRoot = builder.repoRoot.toAbsolutePath().normalize();
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.postgresPort = builder.postgresPort;
        this.externalDatabase = builder.externalDatabase;
        this.kafkaPort = builder.kafkaPort;
        this.signInPort = builder.signInPort;
        this.prometheusBinary = builder.prometheusBinary;
        this.extraEnvironment = Map.copyOf(builder.extraEnvironment);
        this.prometheusPort = builder.prometheusPort;
        this.servicePorts = Collections.unmodifiableMap(new EnumMap<>(builder.servicePorts));
        this.readinessTimeout = builder.readinessTimeout;
        this.progress = builder.progress;
    }

    /** A stack of PostgreSQL and Kafka on their default ports, and no services until some are added. */
    static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /** Starts everything and waits until all is ready; on failure stops what it started and says why. */
    void start() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("A stack starts once; build a new one to start again");
            }
            started = true;
        }
        try {
            requireBuiltArtifacts();
            createFolders();
            refuseLeftoversOfAnEarlierRun();
            keys = JwtKeys.loadOrCreate(dataDir.resolve("jwt"));
            startSignIn();

            // The broker's JVM starts while PostgreSQL does; it is waited for afterwards.
            KafkaBroker broker = new KafkaBroker(repoRoot.resolve("infra").resolve("kafka-broker"), dataDir, kafkaPort,
                    logFile("kafka"), pidFile("kafka"));
            adopt(() -> kafka = broker, broker);
            say("Starting Kafka on %s", broker.bootstrapServers());
            long kafkaLaunched = System.nanoTime();
            broker.launch();

            long postgresStarted = System.nanoTime();
            Postgres database;
            if (externalDatabase != null) {
                say("Using the PostgreSQL server at %s", externalDatabase.jdbcUrl);
                database = Postgres.external(externalDatabase.jdbcUrl, externalDatabase.user, externalDatabase.password);
            } else {
                say("Starting PostgreSQL on port %d (data %s)", postgresPort, display(dataDir.resolve("postgres")));
                database = Postgres.embedded(dataDir.resolve("postgres"), postgresPort, logFile("postgres"));
            }
            adopt(() -> postgres = database, database);
            database.createDatabasesIfMissing(Arrays.stream(Service.values()).map(s -> s.database).toList());
            say("PostgreSQL ready at %s (%s)", database.jdbcUrl(""), since(postgresStarted));

            broker.awaitReady(KAFKA_TIMEOUT, () -> closing);
            say("Kafka ready at %s (%s)", broker.bootstrapServers(), since(kafkaLaunched));

            launchPrometheus();
            startServices();
            if (prometheus != null) {
                prometheus.awaitReady(Duration.ofSeconds(60), () -> closing);
                say("Prometheus ready at %s (rules %s)", prometheus.url(), display(prometheus.rules()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Prometheus starts beside the services and scrapes them from their first second. */
    private void launchPrometheus() {
        if (prometheusBinary == null || servicePorts.isEmpty()) {
            return;
        }
        PrometheusServer server = new PrometheusServer(prometheusBinary, repoRoot, dataDir, prometheusPort,
                logFile("prometheus"), pidFile("prometheus"));
        adopt(() -> prometheus = server, server);
        say("Starting Prometheus (%s) on port %d", prometheusBinary, prometheusPort);
        server.launch(servicePorts);
    }

    /** Where Prometheus answers, when the stack runs one. */
    java.util.Optional<URI> prometheusUrl() {
        return java.util.Optional.ofNullable(prometheus).map(PrometheusServer::url);
    }

    private void startServices() {
        if (servicePorts.isEmpty()) {
            return;
        }
        long launched = System.nanoTime();
        // Extracted side by side (a second or two each, only after a build): see ServiceJar.
        Map<Service, ServiceJar> jars = new EnumMap<>(Service.class);
        servicePorts.keySet().parallelStream().map(service -> Map.entry(service,
                ServiceJar.prepare(service.jar(repoRoot), dataDir.resolve("run")))).toList()
                .forEach(prepared -> jars.put(prepared.getKey(), prepared.getValue()));
        for (Map.Entry<Service, Integer> entry : servicePorts.entrySet()) {
            Service service = entry.getKey();
            ServiceProcess process = new ServiceProcess(service, entry.getValue(), jars.get(service),
                    logFile(service.module), pidFile(service.module));
            adopt(() -> services.add(process), process);
            say("Starting %s on port %d", service.module, entry.getValue());
            process.launch(repoRoot, environment(service, entry.getValue()));
        }
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services);
        long deadline = System.nanoTime() + readinessTimeout.toNanos();
        while (!waiting.isEmpty()) {
            if (closing) {
                throw new StackException("Stopped while the services were starting");
            }
            for (var it = waiting.iterator(); it.hasNext();) {
                ServiceProcess service = it.next();
                if (service.ready()) {
                    say("%s ready at %s (%s)", service.service.module, service.baseUrl(), since(launched));
                    it.remove();
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder("Not ready after " + readinessTimeout.toSeconds() + " s:");
                for (ServiceProcess service : waiting) {
                    message.append(System.lineSeparator()).append("  ").append(service.service.module)
                            .append(" (").append(service.baseUrl()).append("/actuator/health/readiness), see ")
                            .append(service.log).append(", which ends with:").append(System.lineSeparator())
                            .append(Processes.tail(service.log, 15));
                }
                throw new StackException(message.toString());
            }
            if (!waiting.isEmpty()) {
                Processes.pause(Duration.ofMillis(500));
            }
        }
    }

    /**
     * The development sign-in for the dashboard (in this process): pick a demo person, no password.
     * Its client secret is new on every start, given to insight-service only.
     */
    private void startSignIn() {
        if (!servicePorts.containsKey(Service.INSIGHT)) {
            return;
        }
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        dashboardSecret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        int insight = servicePorts.get(Service.INSIGHT);
        try {
            DevSignIn started = DevSignIn.start(signInPort, DemoPeople.ALL, new DevSignIn.Client(DASHBOARD_CLIENT,
                    dashboardSecret, List.of("http://127.0.0.1:" + insight + "/login/oauth2/code/kam",
                            "http://localhost:" + insight + "/login/oauth2/code/kam")),
                    keys.publicKey(), keys.privateKey());
            adopt(() -> signIn = started, started);
        } catch (java.io.IOException e) {
            throw new StackException("Cannot start the development sign-in on port " + signInPort + " (" + e.getMessage()
                    + "). Is another ./kam up running? Set KAM_SIGN_IN_PORT to use another port.", e);
        }
        say("Development sign-in at %s", signIn.issuer());
    }

    /** The development sign-in's address, when it runs. */
    java.util.Optional<URI> signInUrl() {
        return java.util.Optional.ofNullable(signIn).map(DevSignIn::issuer);
    }

    /** How a service finds everything: the names are the services' documented environment variables. */
    private Map<String, String> environment(Service service, int port) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(port),
                "KAM_DB_URL", postgres.jdbcUrl(service.database),
                "KAM_DB_USER", postgres.user(),
                "KAM_DB_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAM_JWT_PUBLIC_KEY_LOCATION", keys.publicKeyFile().toUri().toString(),
                "KAM_JWT_ISSUER", JwtKeys.ISSUER));
        // Two malloc arenas instead of up to eight per core: each arena a busy thread opens stays
        // resident (the 30 MB blocks in a service's memory map), and the services allocate little
        // natively (issue 12: resident memory ≤ 512 MB). The environment may say otherwise.
        environment.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
        if (service == Service.RELATIONSHIP) {
            // On the local stack an unacknowledged key-date alert climbs a step every 3 minutes (2 days
            // in production), so the escalation to the supervisor and theirs can be watched.
            environment.put("KAM_ALERT_RESPOND_WITHIN", System.getenv().getOrDefault("KAM_ALERT_RESPOND_WITHIN", "PT3M"));
        }
        if (service == Service.INSIGHT && signIn != null) {
            environment.put("KAM_OIDC_ISSUER_URI", signIn.issuer().toString());
            environment.put("KAM_OIDC_CLIENT_ID", DASHBOARD_CLIENT);
            environment.put("KAM_OIDC_CLIENT_SECRET", dashboardSecret);
        }
        environment.putAll(extraEnvironment);
        return Map.copyOf(environment);
    }

    /**
     * Takes charge of a part about to be started, so that {@link #close()} stops it; unless the stack
     * is already being closed (Ctrl-C while starting), when it is not started at all.
     */
    private void adopt(Runnable keep, AutoCloseable part) {
        synchronized (this) {
            if (!closing) {
                keep.run();
                return;
            }
        }
        try {
            part.close();
        } catch (Exception e) {
            // Already failing: the interruption is what gets reported.
        }
        throw new StackException("Stopped while starting");
    }

    private void requireBuiltArtifacts() {
        List<String> missing = new ArrayList<>();
        Path brokerClasspath = KafkaBroker.classpathFolder(repoRoot.resolve("infra").resolve("kafka-broker"));
        if (!hasJars(brokerClasspath)) {
            missing.add("the Kafka broker's classpath " + brokerClasspath);
        }
        for (Service service : servicePorts.keySet()) {
            if (!Files.isRegularFile(service.jar(repoRoot))) {
                missing.add(service.module + "'s jar " + service.jar(repoRoot));
            }
        }
        if (!missing.isEmpty()) {
            throw new StackException("Not built yet: " + String.join(", ", missing) + "." + System.lineSeparator()
                    + "Build everything with `./mvnw -B -DskipTests install` in " + repoRoot
                    + " (./kam up does that when something is missing).");
        }
    }

    private static boolean hasJars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A stack whose launcher was killed hard leaves its processes running; starting over them would
     * only end in "address already in use" deep in some log, so name them instead.
     */
    private void refuseLeftoversOfAnEarlierRun() {
        List<String> leftovers = new ArrayList<>();
        Set<Long> pids = new TreeSet<>();
        List<String> taken = new ArrayList<>();

        if (externalDatabase == null) {
            OptionalLong pid = Processes.livingPid(dataDir.resolve("postgres").resolve("postmaster.pid"), "postgres");
            if (pid.isPresent()) {
                leftovers.add("PostgreSQL (pid %d, data %s)".formatted(pid.getAsLong(), dataDir.resolve("postgres")));
                pids.add(pid.getAsLong());
            } else if (Ports.accepting(postgresPort)) {
                taken.add("port %d for PostgreSQL (choose another with KAM_POSTGRES_PORT, or use that server with KAM_DATABASE_URL)"
                        .formatted(postgresPort));
            }
        }
        if (prometheusBinary != null) {
            OptionalLong pid = Processes.livingPid(pidFile("prometheus"), PrometheusServer.MARKER);
            if (pid.isPresent()) {
                leftovers.add("Prometheus (pid %d)".formatted(pid.getAsLong()));
                pids.add(pid.getAsLong());
            } else if (Ports.accepting(prometheusPort)) {
                taken.add("port %d for Prometheus (choose another with KAM_PROMETHEUS_PORT, or KAM_PROMETHEUS=off)"
                        .formatted(prometheusPort));
            }
        }
        OptionalLong broker = Processes.livingPid(pidFile("kafka"), KafkaBroker.MARKER);
        if (broker.isPresent()) {
            leftovers.add("the Kafka broker (pid %d)".formatted(broker.getAsLong()));
            pids.add(broker.getAsLong());
        } else {
            for (int port : List.of(kafkaPort, kafkaPort + 1)) {
                if (Ports.accepting(port)) {
                    taken.add("port %d for Kafka (choose another with KAM_KAFKA_PORT; the controller uses the next port)"
                            .formatted(port));
                }
            }
        }
        for (Map.Entry<Service, Integer> entry : servicePorts.entrySet()) {
            Service service = entry.getKey();
            OptionalLong pid = Processes.livingPid(pidFile(service.module), service.jar(repoRoot).getFileName().toString());
            if (pid.isPresent()) {
                leftovers.add("%s (pid %d)".formatted(service.module, pid.getAsLong()));
                pids.add(pid.getAsLong());
            } else if (Ports.accepting(entry.getValue())) {
                taken.add("port %d for %s (choose another with %s)".formatted(entry.getValue(), service.module,
                        service.portVariable));
            }
        }
        if (leftovers.isEmpty() && taken.isEmpty()) {
            return;
        }
        String nl = System.lineSeparator();
        StringBuilder message = new StringBuilder("Cannot start the local stack.");
        if (!leftovers.isEmpty()) {
            message.append(nl).append("Still running from an earlier start on ").append(dataDir)
                    .append(" that did not stop cleanly (killed hard?):");
            leftovers.forEach(leftover -> message.append(nl).append("  - ").append(leftover));
            message.append(nl).append("Stop them, then start again:  kill ")
                    .append(String.join(" ", pids.stream().map(String::valueOf).toList()));
        }
        if (!taken.isEmpty()) {
            message.append(nl).append("In use by another program:");
            taken.forEach(port -> message.append(nl).append("  - ").append(port));
        }
        throw new StackException(message.toString());
    }

    private void createFolders() {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Files.createDirectories(dataDir.resolve("run"));
        } catch (IOException e) {
            throw new StackException("Cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restarts a service that stops on its own, as an orchestrator would: after 1 s, doubling up to
     * 30 s while it keeps dying within a minute of its start, back to 1 s once it stayed up longer.
     * Each death and restart is reported to {@code report} and noted in the service's log.
     */
    void supervise(Consumer<String> report) {
        for (ServiceProcess service : services) {
            watch(service, report, Duration.ofSeconds(1), 1);
        }
    }

    private void watch(ServiceProcess service, Consumer<String> report, Duration backOff, int restart) {
        service.onUnexpectedExit(() -> {
            Duration wait = service.uptime().compareTo(Duration.ofMinutes(1)) >= 0 ? Duration.ofSeconds(1) : backOff;
            int number = service.uptime().compareTo(Duration.ofMinutes(1)) >= 0 ? 1 : restart;
            String died = "%s stopped unexpectedly (exit code %d); restarting it in %d s (restart %d); see %s"
                    .formatted(service.service.module, service.exitCode(), wait.toSeconds(), number, service.log);
            report.accept(died);
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (closing || service.stopping()) {
                    return;
                }
                try {
                    service.relaunch("restarted by the local stack after exit code " + service.exitCode()
                            + " (restart " + number + ")");
                    report.accept("%s restarted (pid %d)".formatted(service.service.module, service.pid()));
                    Duration next = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                            : wait.multipliedBy(2);
                    watch(service, report, next, number + 1);
                } catch (RuntimeException e) {
                    report.accept("%s could not be restarted: %s".formatted(service.service.module, e.getMessage()));
                }
            }, "kam-restart-" + service.service.module);
            restarter.setDaemon(true);
            restarter.start();
        });
    }

    /** The pid of a running service's process (for fault injection and operators). */
    long pid(Service service) {
        return services.stream().filter(s -> s.service == service).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service.module + " is not running")).pid();
    }

    Path dataDir() {
        return dataDir;
    }

    Path logFile(String part) {
        return dataDir.resolve("logs").resolve(part + ".log");
    }

    private Path pidFile(String part) {
        return dataDir.resolve("run").resolve(part + ".pid");
    }

    Set<Service> services() {
        return servicePorts.keySet();
    }

    int port(Service service) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service.module + " is not part of this stack");
        }
        return port;
    }

    URI url(Service service) {
        return URI.create("http://127.0.0.1:" + port(service));
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The JDBC URL a service uses, without its database name: where to point psql or an IDE. */
    String databaseServer() {
        return postgres == null ? null : postgres.jdbcUrl("");
    }

    String databaseUser() {
        return postgres == null ? null : postgres.user();
    }

    /** The JDBC URL of one of the stack's databases (fault injection and operators). */
    String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /**
     * Stops the embedded PostgreSQL (its sessions end, as in a crash of the server), keeps it down for
     * {@code down}, and starts it again on the same data and port. The services are left running:
     * they wait the outage out (ADR 7).
     */
    void restartPostgres(Duration down) {
        Postgres database = postgres;
        if (database == null || !database.isEmbedded()) {
            throw new StackException("Only the stack's own PostgreSQL can be restarted");
        }
        say("Stopping PostgreSQL for %d s", down.toSeconds());
        database.close();
        pause(down);
        postgres = Postgres.embedded(dataDir.resolve("postgres"), postgresPort, logFile("postgres"));
        say("PostgreSQL is back on port %d", postgresPort);
    }

    /** Stops the Kafka broker, keeps it down for {@code down}, and starts it again on the same data and port. */
    void restartKafka(Duration down) {
        say("Stopping Kafka for %d s", down.toSeconds());
        kafka.close();
        pause(down);
        KafkaBroker broker = new KafkaBroker(repoRoot.resolve("infra").resolve("kafka-broker"), dataDir, kafkaPort,
                logFile("kafka"), pidFile("kafka"));
        broker.launch();
        broker.awaitReady(KAFKA_TIMEOUT, () -> closing);
        kafka = broker;
        say("Kafka is back on %s", broker.bootstrapServers());
    }

    private static void pause(Duration down) {
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while a dependency was down", e);
        }
    }

    /** A bearer token the services accept, for a caller holding {@code roles}. */
    String token(String... roles) {
        JwtKeys signer = keys != null ? keys : JwtKeys.loadOrCreate(dataDir.resolve("jwt"));
        return signer.token(List.of(roles));
    }

    /** Stops the services (all at once), then Kafka, then PostgreSQL. Safe to call more than once. */
    @Override
    public void close() {
        List<ServiceProcess> runningServices;
        KafkaBroker broker;
        Postgres database;
        PrometheusServer scraper;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            scraper = prometheus;
            runningServices = List.copyOf(services);
            broker = kafka;
            database = postgres;
        }
        if (scraper != null) {
            say("Stopping Prometheus");
            scraper.close();
        }
        if (!runningServices.isEmpty()) {
            say("Stopping %s", String.join(", ", runningServices.stream().map(s -> s.service.module).toList()));
            runningServices.forEach(ServiceProcess::requestStop);
            runningServices.forEach(ServiceProcess::close);
        }
        if (broker != null) {
            say("Stopping Kafka");
            broker.close();
        }
        if (database != null && database.isEmbedded()) {
            say("Stopping PostgreSQL");
            database.close();
        }
        if (signIn != null) {
            signIn.close();
        }
    }

    private void say(String format, Object... arguments) {
        progress.println(format.formatted(arguments));
    }

    private static String since(long startNanos) {
        return "%.1f s".formatted((System.nanoTime() - startNanos) / 1e9);
    }

    /** A path as short as it can be said: relative to the current folder when it lies below it. */
    static String display(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString();
    }

    private record ExternalDatabase(String jdbcUrl, String user, String password) {
    }

    static final class Builder {

        private final Path repoRoot;
        private Path dataDir;
        private int postgresPort = 5432;
        private ExternalDatabase externalDatabase;
        private int kafkaPort = 9092;
        private int signInPort = 8090;
        private Path prometheusBinary;
        private final Map<String, String> extraEnvironment = new java.util.HashMap<>();
        private int prometheusPort = 9090;
        private final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        private Duration readinessTimeout = Duration.ofMinutes(3);
        private PrintStream progress = System.out;

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot;
            this.dataDir = repoRoot.resolve(".kam-data");
        }

        Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The port of the embedded PostgreSQL server. */
        Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        /** Use a PostgreSQL server that already runs instead of the embedded one. */
        Builder externalDatabase(String jdbcUrl, String user, String password) {
            this.externalDatabase = new ExternalDatabase(jdbcUrl, user, password);
            return this;
        }

        /** The broker's port; its controller listens on the next one. */
        Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** The development sign-in's port (the dashboard's OpenID provider on this machine). */
        Builder signInPort(int port) {
            this.signInPort = port;
            return this;
        }

        /** Runs Prometheus ({@code binary}) on {@code port}, scraping the services; without this, none runs. */
        Builder prometheus(Path binary, int port) {
            this.prometheusBinary = binary;
            this.prometheusPort = port;
            return this;
        }

        /** Sets an environment variable for every service, e.g. a log level. */
        Builder serviceEnvironment(String name, String value) {
            extraEnvironment.put(name, value);
            return this;
        }

        Builder service(Service service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** How long the services together may take to become ready. */
        Builder readinessTimeout(Duration timeout) {
            this.readinessTimeout = timeout;
            return this;
        }

        /** Where to tell what is starting and when it is ready. */
        Builder progress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        Stack build() {
            return new Stack(this);
        }
    }
}
