package org.kam.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code ./kam load}: loads the running local stack and writes what it measured under
 * docs/benchmarks (issue 12). In one run, on one machine: the raw Kafka baseline (the same sales
 * produced to a scratch topic and consumed back), then the same number of sales sent to
 * kam.sales.v1 as fast as the producer takes them, timed until every consumer group is at lag 0
 * and every outbox is empty; CPU and resident memory of every process throughout.
 */
public final class LoadHarness {

    static final String SALES_TOPIC = "kam.sales.v1";

    private LoadHarness() {
    }

    /** The settings, from {@code --name value} arguments (see {@link #USAGE}). */
    record Settings(long sales, int accounts, double rate, long seed, List<Integer> latencyRates, int latencySeconds,
            String bootstrap, String databaseUrl, String databaseUser, String databasePassword, Path reportDirectory) {

        static Settings parse(List<String> arguments, Map<String, String> environment) {
            java.util.Map<String, String> given = new java.util.HashMap<>();
            for (int i = 0; i < arguments.size(); i++) {
                String name = arguments.get(i);
                if (!name.startsWith("--") || i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException("expected --name value, got " + name + "\n" + USAGE);
                }
                given.put(name.substring(2), arguments.get(++i));
            }
            long sales = positive(given, "sales", 100_000, 100_000_000);
            int accounts = (int) positive(given, "accounts", 20_000, 10_000_000);
            double rate = positive(given, "rate", 0, 1_000_000);
            long seed = positive(given, "seed", 42, Long.MAX_VALUE);
            Path reportDirectory = Path.of(given.getOrDefault("report-dir", "docs/benchmarks"));
            int latencySeconds = (int) positive(given, "latency-seconds", 30, 3600);
            List<Integer> latencyRates = new ArrayList<>();
            String rates = given.getOrDefault("latency-rates", "100,1000");
            for (String one : rates.isBlank() || rates.equals("none") ? new String[0] : rates.split(",")) {
                latencyRates.add((int) positive(Map.of("latency-rates", one.trim()), "latency-rates", 0, 100_000));
            }
            given.keySet().removeAll(List.of("sales", "accounts", "rate", "seed", "report-dir", "latency-rates",
                    "latency-seconds"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown setting --" + given.keySet().iterator().next() + "\n" + USAGE);
            }
            String kafkaPort = environment.getOrDefault("KAM_KAFKA_PORT", "9092");
            String database = environment.getOrDefault("KAM_DATABASE_URL",
                    "jdbc:postgresql://127.0.0.1:" + environment.getOrDefault("KAM_POSTGRES_PORT", "5432") + "/postgres");
            return new Settings(sales, accounts, rate, seed, List.copyOf(latencyRates), latencySeconds,
                    "127.0.0.1:" + kafkaPort,
                    database.replaceFirst("/[^/?]*(\\?.*)?$", "/"), environment.getOrDefault("KAM_DATABASE_USER", "postgres"),
                    environment.getOrDefault("KAM_DATABASE_PASSWORD", "postgres"), reportDirectory);
        }

        private static long positive(Map<String, String> given, String name, long fallback, long max) {
            String value = given.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value.replace("_", ""));
                if (parsed < 0 || parsed > max) {
                    throw new IllegalArgumentException("--" + name + " must be between 0 and " + max + ", not " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value, e);
            }
        }
    }

    static final String USAGE = """
            ./kam load [--sales N] [--accounts N] [--rate PER_SECOND] [--seed N]
                       [--latency-rates R1,R2|none] [--latency-seconds S] [--report-dir DIR]
              against a running ./kam up (same KAM_KAFKA_PORT, KAM_POSTGRES_PORT / KAM_DATABASE_URL);
              --sales 100000 by default, --rate 0 = as fast as the producer takes them; then latency
              at each fixed rate (100,1000 sales/s) for 30 s each; the report goes to
              docs/benchmarks/<date>-load-harness.md (and .svg).""";

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap()));
                Drain drain = new Drain(admin, settings.databaseUrl(), settings.databaseUser(), settings.databasePassword())) {
            List<String> skus = drain.catalogue();
            if (skus.isEmpty()) {
                skus = IntStream.rangeClosed(1, 200).mapToObj(i -> String.format("LOAD-SKU-%03d", i)).toList();
                System.out.println("supply-service has no products; the sales name 200 SKUs it does not stock");
            }
            String runId = "L" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
            int partitions = admin.describeTopics(List.of(SALES_TOPIC)).allTopicNames().get().get(SALES_TOPIC)
                    .partitions().size();

            System.out.printf("Raw Kafka baseline: %,d sales to %s (%d partitions)...%n", settings.sales(),
                    RawBaseline.TOPIC, partitions);
            RawBaseline.Result raw = new RawBaseline(settings.bootstrap(), admin)
                    .run(new SalesMix(settings.seed(), runId + "B", settings.accounts(), skus), settings.sales(), partitions);
            System.out.printf("  produced %,.0f/s, consumed %,.0f/s%n", raw.producedPerSecond(), raw.consumedPerSecond());

            Drain.Backlog before = drain.backlog();
            if (!before.empty()) {
                System.out.printf("Waiting for the system to finish what it had (lag %,d, outbox %,d)...%n",
                        before.lag(), before.outboxRows());
                awaitDrained(drain, Duration.ofMinutes(30));
            }
            // CPU and memory of the end-to-end run only (not the baseline, not the latency runs).
            ProcessSampler runSampler = new ProcessSampler();
            System.out.printf("End to end: %,d sales to %s%s...%n", settings.sales(), SALES_TOPIC,
                    settings.rate() > 0 ? String.format(" at %,.0f/s", settings.rate()) : ", as fast as they go");
            List<SalesMix.Sale> sales = Producing.make(new SalesMix(settings.seed(), runId, settings.accounts(), skus),
                    settings.sales());
            long started = System.nanoTime();
            Producing.Sent sent = new Producing(settings.bootstrap()).send(sales, SALES_TOPIC, settings.rate(), sale -> {
            });
            if (sent.failed() > 0) {
                throw new IllegalStateException(sent.failed() + " sales not sent: " + sent.firstError());
            }
            double salesConsumed = 0;
            Drain.Backlog backlog;
            long lastPrint = 0;
            while (true) {
                backlog = drain.backlog();
                double elapsed = (System.nanoTime() - started) / 1e9;
                if (salesConsumed == 0 && backlog.lagOnSales() == 0) {
                    salesConsumed = elapsed;
                }
                if (backlog.empty()) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    System.out.printf("  %5.0f s: lag %,d (sales %,d; most behind: %s), outbox %,d%n", elapsed,
                            backlog.lag(), backlog.lagOnSales(), backlog.mostBehind(), backlog.outboxRows());
                    lastPrint = System.nanoTime();
                }
                if (elapsed > 3600) {
                    throw new IllegalStateException("not drained after an hour: " + backlog);
                }
                // Asking every group for its offsets costs the broker: once a second is precise enough.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
            }
            Report.EndToEnd run = new Report.EndToEnd(settings.sales(), sent.nanos() / 1e9, salesConsumed,
                    (System.nanoTime() - started) / 1e9);
            List<ProcessSampler.Usage> usage = new ArrayList<>(runSampler.usage());
            runSampler.close();
            System.out.printf("  %,.0f sales/s end to end (%.1f %% of raw produce)%n", run.perSecond(),
                    100 * run.perSecond() / raw.producedPerSecond());

            List<LatencyProbe.Result> latencies = new ArrayList<>();
            for (int latencyRate : settings.latencyRates()) {
                awaitDrained(drain, Duration.ofMinutes(30));
                long count = (long) latencyRate * settings.latencySeconds();
                System.out.printf("Latency at %,d sales/s for %d s...%n", latencyRate, settings.latencySeconds());
                latencies.add(latency(settings, drain, skus, runId + "R" + latencyRate, latencyRate, count));
                LatencyProbe.Result result = latencies.get(latencies.size() - 1);
                System.out.printf("  p99 sale -> TierChanged %.0f ms, -> reservation %.0f ms, -> notification %.0f ms%n",
                        result.tierChanged().p99(), result.reservation().p99(), result.notification().p99());
            }

            String date = LocalDate.now().toString();
            Files.createDirectories(settings.reportDirectory());
            Path page = settings.reportDirectory().resolve(date + "-load-harness.md");
            Path chart = settings.reportDirectory().resolve(date + "-load-harness.svg");
            String command = "./kam load" + (args.length == 0 ? "" : " " + String.join(" ", args));
            Report.Machine machine = new Report.Machine(Runtime.getRuntime().availableProcessors(),
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getTotalMemorySize(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"),
                    System.getenv().getOrDefault("KAM_SERVICE_JVM_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djdk.nio.maxCachedBufferSize=262144"));
            java.util.OptionalDouble healthy = StartUp.measure(System.getenv());
            Files.writeString(page, Report.markdown(date, command, machine, raw, run, usage, latencies, healthy,
                    chart.getFileName().toString()));
            Files.writeString(chart, Report.chart(raw, run));
            System.out.println("Report: " + page);
        }
    }

    /**
     * Sends {@code count} sales at {@code rate} while the probe reads what they cause, then reads
     * until the system has finished with them (at most ten minutes more).
     */
    private static LatencyProbe.Result latency(Settings settings, Drain drain, List<String> skus, String runId, int rate,
            long count) throws Exception {
        try (LatencyProbe probe = new LatencyProbe(settings.bootstrap())) {
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (sending.get()) {
                    probe.read(Duration.ofMillis(100));
                }
            }, "kam-load-latency-reader");
            reader.start();
            Producing.Sent sent = new Producing(settings.bootstrap()).send(
                    Producing.make(new SalesMix(settings.seed(), runId, settings.accounts(), skus), count), SALES_TOPIC,
                    rate, probe::sent);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!drain.backlog().empty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L); // what was published last, read too
            sending.set(false);
            reader.join();
            if (sent.failed() > 0) {
                throw new IllegalStateException(sent.failed() + " sales not sent: " + sent.firstError());
            }
            return probe.result(rate, count);
        }
    }

    private static void awaitDrained(Drain drain, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!drain.backlog().empty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the system did not finish its backlog in " + limit);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
        }
    }
}
