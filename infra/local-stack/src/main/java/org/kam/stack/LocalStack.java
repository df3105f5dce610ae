package org.kam.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code ./kam} command line.
 * <pre>
 * kam up [--demo]     start PostgreSQL, Kafka and the four services; Ctrl-C stops them
 * kam token ROLE...   print a bearer token the local services accept
 * kam import customers|sales FILE   import a CSV file through account-service
 * </pre>
 * Settings come from environment variables: KAM_DATA_DIR, KAM_POSTGRES_PORT, KAM_KAFKA_PORT,
 * KAM_ACCOUNT_PORT, KAM_RELATIONSHIP_PORT, KAM_SUPPLY_PORT, KAM_INSIGHT_PORT, KAM_SIGN_IN_PORT, KAM_DATABASE_URL
 * (with KAM_DATABASE_USER, KAM_DATABASE_PASSWORD) to use a PostgreSQL server that already runs, and
 * KAM_SERVICES to start only some services, KAM_PROMETHEUS and KAM_PROMETHEUS_PORT for the Prometheus it runs.
 */
public final class LocalStack {

    private static final String USAGE = """
            Usage:
              kam up [--demo]     start PostgreSQL, Kafka and the four services; Ctrl-C stops them.
                                  --demo loads a supplier's three years once: 2,000 customers,
                                  200 SKUs, 20,000 sales (KAM_DEMO_SIZE=small: 120, 40, 4,000).
              kam token ROLE...   print a bearer token for the local services, e.g.
                                  curl -H "Authorization: Bearer $(./kam token ANALYST)" http://127.0.0.1:8084/...
              kam load [--sales N] [--rate PER_SECOND]
                                  load the running system (issue 12): the raw Kafka baseline and
                                  the end-to-end rate of the same sales, CPU and memory of every
                                  process; report in docs/benchmarks/<date>-load-harness.md.
              kam import customers|sales FILE
                                  import a CSV file into the running system and follow its progress;
                                  a file with a bad row is rejected whole, with every bad row listed.
            Operations, against the running system (docs/operations/runbook.md):
              kam lag                              consumer lag per group and topic
              kam dlq list [SERVICE]               dead letters: where from, why, when
              kam dlq show SERVICE OFFSET          one dead letter, its headers and value
              kam dlq redrive SERVICE OFFSET|--all send dead letters back where they came from
              kam outbox parked [SERVICE]          outbox rows Kafka refused
              kam outbox resend|drop SERVICE EVENT_ID
              kam replay SERVICE --from TIME [--topic TOPIC]...
                                  read the service's input topics again from TIME (ISO-8601);
                                  what it already applied is skipped.
            Environment: KAM_DATA_DIR (default .kam-data), KAM_POSTGRES_PORT (5432), KAM_KAFKA_PORT (9092;
              controller on the next port), KAM_ACCOUNT_PORT (8081), KAM_RELATIONSHIP_PORT (8082),
              KAM_SUPPLY_PORT (8083), KAM_INSIGHT_PORT (8084), KAM_SIGN_IN_PORT (8090, the dashboard's
              development sign-in), KAM_DATABASE_URL / KAM_DATABASE_USER /
              KAM_DATABASE_PASSWORD (an existing PostgreSQL server instead of the embedded one),
              KAM_SERVICES (e.g. account-service,supply-service; default all four),
              KAM_PROMETHEUS (the prometheus binary; default the one on the PATH, if any; off: none),
              KAM_PROMETHEUS_PORT (9090), KAM_DEMO_SIZE (full or small), KAM_SERVICE_JVM_OPTIONS
              (the services' JVM options; default -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
              -Djdk.nio.maxCachedBufferSize=262144), KAM_KAFKA_JVM_OPTIONS (the broker's; default
              -Xms512m -Xmx1g -XX:+UseG1GC),
              KAM_SERVICE_CDS (on; off: the services start without their class-data-sharing archives).""";

    private LocalStack() {
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(List.of(args), System.getenv(), System.out, System.err);
        } catch (StackException e) {
            System.err.println(e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        return switch (args.get(0)) {
            case "up" -> up(args.subList(1, args.size()), env, out);
            case "token" -> token(args.subList(1, args.size()), env, out, err);
            case "import" -> importFile(args.subList(1, args.size()), env, out, err);
            case "lag", "dlq", "outbox", "replay" -> operations(env, out).run(args.get(0), args.subList(1, args.size()));
            case "help", "--help", "-h" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("Unknown command " + args.get(0) + System.lineSeparator() + USAGE);
                yield 2;
            }
        };
    }

    private static int up(List<String> options, Map<String, String> env, PrintStream out) {
        boolean demo = options.contains("--demo");
        if (!options.stream().allMatch("--demo"::equals)) {
            throw new StackException("kam up knows only --demo, not " + options + System.lineSeparator() + USAGE);
        }
        Path repoRoot = RepoRoot.find();
        Stack stack = configure(Stack.builder(repoRoot), env).progress(out).build();
        // Ctrl-C: the JVM runs this hook, which stops services, then Kafka, then PostgreSQL.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "kam-stop"));
        stack.start();
        stack.supervise(message -> out.println("WARNING: " + message));
        if (demo) {
            loadDemoDataOnce(stack, out);
        }
        printWhereThingsAre(stack, out);
        waitForever();
        return 0;
    }

    /** The builder with all four services, and what the environment says about data folder, ports and database. */
    static Stack.Builder configure(Stack.Builder builder, Map<String, String> env) {
        String dataDir = env.get("KAM_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            builder.dataDir(Path.of(dataDir));
        }
        builder.postgresPort(port(env, "KAM_POSTGRES_PORT", 5432))
                .kafkaPort(port(env, "KAM_KAFKA_PORT", 9092))
                .signInPort(port(env, "KAM_SIGN_IN_PORT", 8090));
        int prometheusPort = port(env, "KAM_PROMETHEUS_PORT", 9090);
        PrometheusServer.binary(env).ifPresent(binary -> builder.prometheus(binary, prometheusPort));
        String databaseUrl = env.get("KAM_DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            builder.externalDatabase(databaseUrl, env.getOrDefault("KAM_DATABASE_USER", "postgres"),
                    env.getOrDefault("KAM_DATABASE_PASSWORD", ""));
        }
        for (Service service : services(env)) {
            builder.service(service, port(env, service.portVariable, service.defaultPort));
        }
        return builder;
    }

    /** All four, or those named in KAM_SERVICES: e.g. to run one service from the IDE against the rest. */
    private static List<Service> services(Map<String, String> env) {
        String names = env.get("KAM_SERVICES");
        if (names == null || names.isBlank()) {
            return List.of(Service.values());
        }
        return Arrays.stream(names.split("[,\\s]+")).filter(name -> !name.isBlank()).map(name -> Arrays
                .stream(Service.values()).filter(service -> service.module.equals(name)).findFirst()
                .orElseThrow(() -> new StackException("KAM_SERVICES names an unknown service: " + name
                        + " (known: account-service, relationship-service, supply-service, insight-service)")))
                .toList();
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StackException(variable + " must be a port number, not " + value);
    }

    static void loadDemoDataOnce(Stack stack, PrintStream out) {
        loadDemoDataOnce(stack, out, DemoData.Size.named(System.getenv("KAM_DEMO_SIZE")));
    }

    /** Loads the demo of {@code size} unless this data folder has it already. */
    static void loadDemoDataOnce(Stack stack, PrintStream out, DemoData.Size size) {
        Path marker = stack.dataDir().resolve("demo-loaded");
        if (Files.exists(marker)) {
            out.println("Demo data was loaded before (" + Stack.display(marker) + "); not loading it again.");
            return;
        }
        out.printf("Loading demo data: %,d customers, %,d products, %,d sales over %d years...%n", size.customers(),
                size.products(), size.sales(), size.years());
        DemoLoader loader = new DemoLoader(urlIfRunning(stack, Service.ACCOUNT), urlIfRunning(stack, Service.SUPPLY),
                urlIfRunning(stack, Service.RELATIONSHIP), urlIfRunning(stack, Service.INSIGHT), stack.kafkaBootstrapServers(),
                stack.token("ADMIN"), out);
        if (loader.load(DemoData.generate(Instant.now(), size))) {
            try {
                Files.writeString(marker, "Demo data loaded at " + Instant.now() + System.lineSeparator());
            } catch (IOException e) {
                out.println("Cannot write " + marker + " (" + e.getMessage() + "); the next --demo loads again.");
            }
            out.println("Demo data loaded.");
        } else {
            out.println("Demo data was loaded only in part (see above). The next `kam up --demo` tries again;"
                    + " loading twice does no harm.");
        }
    }

    private static URI urlIfRunning(Stack stack, Service service) {
        return stack.services().contains(service) ? stack.url(service) : null;
    }

    private static void printWhereThingsAre(Stack stack, PrintStream out) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(nl).append("KAM is running. Data: ").append(Stack.display(stack.dataDir()))
                .append(" (survives restarts; delete it to start afresh)").append(nl);
        for (Service service : stack.services()) {
            text.append("  %-21s %-26s log %s%n".formatted(service.module, stack.url(service),
                    Stack.display(stack.logFile(service.module))));
        }
        text.append("  %-21s %-26s log %s%n".formatted("Kafka", stack.kafkaBootstrapServers(),
                Stack.display(stack.logFile("kafka"))));
        text.append("  %-21s %s{kam_account|kam_relationship|kam_supply|kam_insight} user %s%n".formatted("PostgreSQL",
                stack.databaseServer(), stack.databaseUser()));
        stack.prometheusUrl().ifPresentOrElse(
                prometheus -> text.append("  %-21s %-26s alerts %s/alerts, rules %s%n".formatted("Prometheus", prometheus,
                        prometheus, "infra/observability/prometheus/alerts.yml")),
                () -> text.append("  %-21s not installed (apt-get install prometheus, or KAM_PROMETHEUS=/path/to/it);%n"
                        .formatted("Prometheus")).append("  %-21s each service's metrics: <service>/actuator/prometheus%n"
                                .formatted("")));
        if (!stack.services().isEmpty()) {
            Service first = stack.services().iterator().next();
            text.append("  %-21s <service>/swagger-ui.html, e.g. %s/swagger-ui.html (OpenAPI: /v3/api-docs)%n"
                    .formatted("API documentation", stack.url(first)));
        }
        stack.signInUrl().ifPresent(signIn -> text.append("  %-21s %-26s sign in as a demo person at %s (no password:%n".formatted(
                "Dashboard", stack.url(Service.INSIGHT) + "/dashboard/", signIn)).append(
                        "  %-21s this machine only)%n".formatted("")));
        if (stack.services().contains(Service.ACCOUNT)) {
            text.append(nl).append("Try:  curl -H \"Authorization: Bearer $(./kam token ADMIN)\" ")
                    .append(stack.url(Service.ACCOUNT)).append("/api/v1/accounts").append(nl);
        }
        text.append("Ctrl-C stops everything.");
        out.println(text);
    }

    private static void waitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int importFile(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() != 2) {
            err.println("kam import needs what and which file, e.g. kam import sales history.csv");
            return 2;
        }
        String token = JwtKeys.loadOrCreate(dataDir(env).resolve("jwt")).token(List.of("ADMIN"));
        String accountService = "http://127.0.0.1:" + port(env, Service.ACCOUNT.portVariable, Service.ACCOUNT.defaultPort);
        try {
            return new ImportCommand(accountService, token, out).run(args.get(0), Path.of(args.get(1)));
        } catch (IOException e) {
            throw new StackException("Cannot reach account-service at " + accountService + " (is ./kam up running?): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The operator's tools against the stack the environment describes (the ports ./kam up used). */
    private static OperationsCommand operations(Map<String, String> env, PrintStream out) {
        Map<Service, URI> urls = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, URI.create("http://127.0.0.1:" + port(env, service.portVariable, service.defaultPort)));
        }
        String token = JwtKeys.loadOrCreate(dataDir(env).resolve("jwt")).token(List.of("ADMIN"));
        return new OperationsCommand("127.0.0.1:" + port(env, "KAM_KAFKA_PORT", 9092), urls, token, out);
    }

    private static Path dataDir(Map<String, String> env) {
        String dataDir = env.get("KAM_DATA_DIR");
        return dataDir == null || dataDir.isBlank() ? RepoRoot.find().resolve(".kam-data") : Path.of(dataDir);
    }

    private static int token(List<String> roles, Map<String, String> env, PrintStream out, PrintStream err) {
        if (roles.isEmpty() || roles.stream().anyMatch(role -> !role.matches("[A-Z][A-Z0-9_]*"))) {
            err.println("kam token needs one or more roles in capitals, e.g. kam token ANALYST KAM; got " + roles);
            return 2;
        }
        out.println(JwtKeys.loadOrCreate(dataDir(env).resolve("jwt")).token(roles));
        return 0;
    }
}
