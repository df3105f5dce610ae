package org.kam.account.tiering;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kam.account.tiering.TieringEngine.TierShift;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Cost of one live sale in the {@link TieringEngine} with a year of history for 10k, 100k and 1M
 * accounts (issue 3: a sale must not rescan all accounts).
 *
 * <p>Setup builds a deterministic year: account revenue is lognormal with sigma 1.7 (about 80 % of
 * revenue in the top 20 % of accounts), bigger accounts order more often (1 to 250 sales, about
 * 8 on average), each account's orders spread over 365 days with its own linear trend (recent half
 * 0.43 to 2.33 times the earlier half, so some qualify as growing; no bursts), loaded oldest first with {@code load} and then {@code reconcile}, as the service does
 * at start. The measured operation is {@code recordSale}: 99 % of sales go to existing accounts
 * (picked in proportion to how often they order), 1 % to a new account; the business clock moves
 * on by as much as the history's average gap between sales (a few seconds at 1M accounts, a few
 * minutes at 10k), and 2 % of sales arrive late (up to 3 days before the clock). Every sale thus
 * also retires, on average, one sale from the window and one from its recent half, as in steady
 * state; that cost is inside the measurement.
 *
 * <p>Not part of the test run; run with
 * {@code ./mvnw -B -Pbenchmarks -pl account-service -am verify -Dit.test=TieringEngineBenchmark} (without
 * {@code -Dit.test} the chassis' outbox benchmark runs too). The JUnit test below runs JMH (one fork
 * per size and mode, -Xmx2g, G1 as in production), then the largest size once more under ParallelGC
 * for comparison, and writes {@code account-service/target/benchmarks/tiering-engine.md}. It asserts
 * nothing about speed. {@code -Dbenchmark.accounts=10000,100000} limits the sizes,
 * {@code -Dbenchmark.gcComparison=false} skips the ParallelGC run.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xms2g", "-Xmx2g" })
public class TieringEngineBenchmark {

    private static final long SEED = 0x6b616d_7469657aL;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long YEAR_SECONDS = 365L * 24 * 3600;
    private static final double MEDIAN_YEARLY_EUR = 20_000;
    private static final double SIGMA = 1.7;
    private static final int OPERATIONS = 1 << 20;
    private static final int NEW_ACCOUNT = -1;
    private static final String SIDECAR = "tiering.benchmark.sidecar";

    @Param({ "10000", "100000", "1000000" })
    public int accounts;

    private TieringEngine engine;
    private String[] ids;
    // The sales to record, prepared so that the measurement is the engine's work only.
    private int[] saleAccount;
    private long[] saleAmount;
    private long[] saleOffsetMicros;
    private long clockMicros;
    private int next;
    private int newAccounts;
    private long recorded;
    private long shifts;
    private long clockShifts;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        long startedAt = System.nanoTime();
        long heapBefore = usedHeapAfterGc();
        SplittableRandom random = new SplittableRandom(SEED);
        int n = accounts;
        if (n >= 1 << 20) {
            throw new IllegalArgumentException("at most 1,048,575 accounts");
        }
        ids = new String[n];
        long[] meanAmount = new long[n];
        int[] salesPerYear = new int[n];
        double[] trend = new double[n];
        int totalSales = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = String.format(Locale.ROOT, "C-%07d", i);
            double z = Math.max(-4, Math.min(4, random.nextGaussian()));
            double yearly = MEDIAN_YEARLY_EUR * Math.exp(SIGMA * z);
            int count = (int) Math.round(1 + 6 * Math.pow(yearly / MEDIAN_YEARLY_EUR, 0.35) * (0.5 + random.nextDouble()));
            count = Math.max(1, Math.min(250, count));
            salesPerYear[i] = count;
            meanAmount[i] = Math.max(100, Math.round(yearly / count * 10_000));
            // Sales density over the year 1 + trend × (2x − 1): recent half / earlier half from 0.43 to 2.33.
            trend[i] = 0.8 * (2 * random.nextDouble() - 1);
            totalSales += count;
        }

        // A year of sales, oldest first: (second of the year, account, amount noise) packed in a long.
        long[] history = new long[totalSales];
        int h = 0;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < salesPerYear[i]; s++) {
                long second = Math.min(YEAR_SECONDS - 1, (long) (YEAR_SECONDS * fractionOfYear(trend[i], random.nextDouble())));
                history[h++] = second << 38 | (long) i << 18 | random.nextInt(1 << 18);
            }
        }
        Arrays.sort(history);
        engine = new TieringEngine(TieringRule.DEFAULT);
        long loadStarted = System.nanoTime();
        for (long sale : history) {
            int account = (int) (sale >>> 18 & ((1 << 20) - 1));
            double noise = 0.5 + (sale & ((1 << 18) - 1)) / (double) (1 << 18);
            engine.load(ids[account], START.plusSeconds(sale >>> 38), cents(meanAmount[account] * noise));
        }
        List<TierShift> initial = engine.reconcile();
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        history = null;
        long heapAfter = usedHeapAfterGc();

        // The sales to record: accounts in proportion to how often they order, a few new ones.
        int[] cumulative = new int[n];
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += salesPerYear[i];
            cumulative[i] = sum;
        }
        long meanGapMicros = YEAR_SECONDS * 1_000_000 / totalSales;
        saleAccount = new int[OPERATIONS];
        saleAmount = new long[OPERATIONS];
        saleOffsetMicros = new long[OPERATIONS];
        for (int op = 0; op < OPERATIONS; op++) {
            double kind = random.nextDouble();
            if (kind < 0.01) {
                saleAccount[op] = NEW_ACCOUNT;
                saleAmount[op] = cents(Math.round(MEDIAN_YEARLY_EUR / 7 * 10_000 * (0.5 + random.nextDouble())));
            } else {
                int pick = Arrays.binarySearch(cumulative, random.nextInt(totalSales) + 1);
                int account = pick >= 0 ? pick : -pick - 1;
                saleAccount[op] = account;
                saleAmount[op] = cents(meanAmount[account] * (0.5 + random.nextDouble()));
            }
            // >= 0: the clock moves on by that much; < 0: a late sale, that far before the clock
            saleOffsetMicros[op] = kind > 0.98 ? -random.nextLong(3L * 24 * 3600 * 1_000_000)
                    : random.nextLong(2 * meanGapMicros + 1);
        }
        Instant clock = engine.clock();
        clockMicros = TimeUnit.SECONDS.toMicros(clock.getEpochSecond()) + clock.getNano() / 1_000;

        Properties setup = new Properties();
        setup.setProperty("accounts", Integer.toString(n));
        setup.setProperty("salesLoaded", Integer.toString(totalSales));
        setup.setProperty("rankedAccounts", Integer.toString(engine.rankedAccounts()));
        setup.setProperty("tiersAfterLoad", new TreeMap<>(engine.counts()).toString());
        setup.setProperty("reconcileShifts", Integer.toString(initial.size()));
        setup.setProperty("heapBytes", Long.toString(heapAfter - heapBefore));
        setup.setProperty("heapBytesPerAccount", Long.toString((heapAfter - heapBefore) / n));
        setup.setProperty("loadSeconds", String.format(Locale.ROOT, "%.1f", loadSeconds));
        setup.setProperty("setupSeconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedAt) / 1e9));
        setup.setProperty("meanClockStepSeconds", String.format(Locale.ROOT, "%.1f", meanGapMicros / 1e6));
        writeSidecar("setup-" + n + "-" + params.getMode().shortLabel(), setup);
    }

    @Benchmark
    public List<TierShift> recordSale() {
        int op = next;
        next = (op + 1) & (OPERATIONS - 1);
        long offset = saleOffsetMicros[op];
        long at = clockMicros;
        if (offset >= 0) {
            at += offset;
            clockMicros = at;
        } else {
            at += offset;
        }
        int account = saleAccount[op];
        String id = account == NEW_ACCOUNT ? "N-" + newAccounts++ : ids[account];
        List<TierShift> changes = engine.recordSale(id,
                Instant.ofEpochSecond(Math.floorDiv(at, 1_000_000), Math.floorMod(at, 1_000_000) * 1_000),
                saleAmount[op]);
        recorded++;
        shifts += changes.size();
        for (TierShift change : changes) {
            if (change.byClock()) {
                clockShifts++;
            }
        }
        return changes;
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) throws IOException {
        Properties run = new Properties();
        run.setProperty("salesRecorded", Long.toString(recorded));
        run.setProperty("tierChangesPerSale", String.format(Locale.ROOT, "%.3f", shifts / (double) Math.max(1, recorded)));
        run.setProperty("clockTierChangesPerSale",
                String.format(Locale.ROOT, "%.3f", clockShifts / (double) Math.max(1, recorded)));
        run.setProperty("newAccounts", Integer.toString(newAccounts));
        run.setProperty("rankedAccountsAtEnd", Integer.toString(engine.rankedAccounts()));
        run.setProperty("tiersAtEnd", new TreeMap<>(engine.counts()).toString());
        run.setProperty("simulatedDays",
                String.format(Locale.ROOT, "%.1f", (clockMicros / 1e6 - START.getEpochSecond() - YEAR_SECONDS) / 86_400));
        writeSidecar("run-" + accounts + "-" + params.getMode().shortLabel(), run);
    }

    /** Inverse of the distribution with density 1 + trend × (2x − 1) on [0, 1]: a linear trend, no spikes. */
    private static double fractionOfYear(double trend, double u) {
        if (Math.abs(trend) < 1e-9) {
            return u;
        }
        return (-(1 - trend) + Math.sqrt((1 - trend) * (1 - trend) + 4 * trend * u)) / (2 * trend);
    }

    /** Whole cents, at least one. */
    private static long cents(double units) {
        return Math.max(100, Math.round(units / 100) * 100);
    }

    private static long usedHeapAfterGc() {
        // System.gc() is a blocking full collection here (no -XX:+ExplicitGCInvokesConcurrent);
        // a few in a row let finalisable and weakly reachable objects go too.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void writeSidecar(String name, Properties values) throws IOException {
        String dir = System.getProperty(SIDECAR);
        if (dir == null) {
            System.out.println(name + ": " + values);
            return;
        }
        try (Writer out = Files.newBufferedWriter(Path.of(dir, name + ".properties"))) {
            values.store(out, null);
        }
    }

    // --- the launcher: ./mvnw -B -Pbenchmarks -pl account-service -am verify -Dit.test=TieringEngineBenchmark

    @Test
    void measureCostPerSale() throws Exception {
        Path out = Path.of("target", "benchmarks").toAbsolutePath();
        Path sidecar = out.resolve("tiering-engine");
        Files.createDirectories(sidecar);
        String only = System.getProperty("benchmark.accounts", "");
        String[] sizes = only.isBlank() ? null : only.split(",");
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        Map<Integer, Row> rows = run(out, sidecar, "g1", sizes, null);
        // The same sale under a collector without concurrent card refinement, largest size only: shows
        // how much of the cost is G1's write barrier on the ranking's pointer updates.
        Map<Integer, Row> parallel = Map.of();
        if (Boolean.parseBoolean(System.getProperty("benchmark.gcComparison", "true")) && !rows.isEmpty()) {
            String largest = Integer.toString(((TreeMap<Integer, Row>) rows).lastKey());
            parallel = run(out, sidecar, "parallelgc", new String[] { largest }, "-XX:+UseParallelGC");
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String load = "load average before " + loadBefore + ", after " + loadAverage();
        Files.writeString(out.resolve("tiering-engine.md"), report(rows.values(), parallel.values(), minutes, load));
        System.out.println(Files.readString(out.resolve("tiering-engine.md")));
    }

    /** One JMH run: both modes under G1 (the JVM default), or AverageTime only with {@code collector}. */
    private static Map<Integer, Row> run(Path out, Path sidecar, String tag, String[] sizes, String collector)
            throws Exception {
        String sidecarArg = "-D" + SIDECAR + "=" + sidecar.resolve(tag);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(TieringEngineBenchmark.class.getName() + ".recordSale")
                .jvmArgsAppend(collector == null ? new String[] { sidecarArg } : new String[] { sidecarArg, collector })
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(out.resolve("tiering-engine-jmh-" + tag + ".log").toString());
        Files.createDirectories(sidecar.resolve(tag));
        try (var stale = Files.list(sidecar.resolve(tag))) {
            for (Path file : (Iterable<Path>) stale::iterator) {
                Files.delete(file);
            }
        }
        if (collector != null) {
            options.mode(Mode.AverageTime);
        }
        if (sizes != null) {
            options.param("accounts", sizes);
        }
        Map<Integer, Row> rows = new TreeMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            int n = Integer.parseInt(result.getParams().getParam("accounts"));
            Row row = rows.computeIfAbsent(n, Row::new);
            Result<?> primary = result.getPrimaryResult();
            if (result.getParams().getMode() == Mode.AverageTime) {
                row.average = primary.getScore();
                row.averageError = primary.getScoreError();
                row.allocated = secondary(result, "gc.alloc.rate.norm");
                row.gcCount = secondary(result, "gc.count");
                row.gcTime = secondary(result, "gc.time");
                row.setup = read(sidecar.resolve(tag).resolve("setup-" + n + "-avgt.properties"));
                row.run = read(sidecar.resolve(tag).resolve("run-" + n + "-avgt.properties"));
            } else if (result.getParams().getMode() == Mode.SampleTime) {
                Statistics stats = primary.getStatistics();
                row.p50 = stats.getPercentile(50);
                row.p99 = stats.getPercentile(99);
                row.p999 = stats.getPercentile(99.9);
                row.max = stats.getMax();
                row.samples = stats.getN();
            }
        }
        return rows;
    }

    private static double secondary(RunResult result, String suffix) {
        return result.getSecondaryResults().entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
                .map(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
    }

    private static Properties read(Path file) throws IOException {
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            }
        }
        return values;
    }

    private static String report(Collection<Row> rows, Collection<Row> parallel, double minutes, String load) {
        StringBuilder md = new StringBuilder("# Tiering engine: cost of one sale\n\n")
                .append("`TieringEngine.recordSale` with a year of history already loaded (`load` + `reconcile`); ")
                .append("the business clock moves on with every sale, so the window's edges retire old sales inside ")
                .append("the measurement. Rule: `TieringRule.DEFAULT` (365-day window, 182-day recent half, 80 % KEY share). ")
                .append("History: lognormal account revenue (sigma 1.7, about 80/20), 1–250 sales per account, ")
                .append("fixed seed. Sales measured: 99 % existing accounts weighted by order frequency, 1 % new accounts, ")
                .append("2 % arriving up to 3 days late. See the class comment of `TieringEngineBenchmark`.\n\n")
                .append("| accounts | sales in window | avg µs/sale | p50 µs | p99 µs | p99.9 µs | max µs | ")
                .append("alloc B/sale | heap bytes/account | tier changes/sale |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %.2f ± %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %s | %s |\n",
                    row.accounts, thousands(row.setup.getProperty("salesLoaded")), row.average, row.averageError,
                    row.p50, row.p99, row.p999, row.max, row.allocated,
                    thousands(row.setup.getProperty("heapBytesPerAccount")),
                    row.run.getProperty("tierChangesPerSale", "?")));
        }
        md.append("\nHeap per account = used heap after a full GC once the history is loaded, minus before, ")
                .append("divided by the accounts; it includes the sales inside the window that the engine keeps ")
                .append("to retire them later (and the benchmark's own array of ids, 4 bytes per account). ")
                .append("Alloc B/sale: JMH's GC profiler (`gc.alloc.rate.norm`).\n\n")
                .append("| accounts | setup (s) | of which load + reconcile (s) | clock step (s, mean) | ")
                .append("sales recorded (avgt fork) | days simulated | tiers after load | tiers at end | ")
                .append("GCs in measurement | GC ms in measurement | p99 samples |\n")
                .append("|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %,d |\n",
                    row.accounts, row.setup.getProperty("setupSeconds", "?"), row.setup.getProperty("loadSeconds", "?"),
                    row.setup.getProperty("meanClockStepSeconds", "?"),
                    thousands(row.run.getProperty("salesRecorded")), row.run.getProperty("simulatedDays", "?"),
                    row.setup.getProperty("tiersAfterLoad", "?"), row.run.getProperty("tiersAtEnd", "?"),
                    fmt(row.gcCount), fmt(row.gcTime), row.samples));
        }
        for (Row row : parallel) {
            md.append(String.format(Locale.ROOT, "\nSame benchmark at %,d accounts with `-XX:+UseParallelGC` (no concurrent "
                    + "card refinement; AverageTime only): **%.2f ± %.2f µs/sale**, %.0f B/sale allocated, load + reconcile "
                    + "%s s, heap %s bytes/account, %s GCs (%s ms) in the measurement. The difference from the G1 row "
                    + "is the price of G1's post-write barrier and concurrent refinement for the ranking's pointer "
                    + "stores (see `tiering-engine-jmh-*.log`).\n",
                    row.accounts, row.average, row.averageError, row.allocated, row.setup.getProperty("loadSeconds", "?"),
                    thousands(row.setup.getProperty("heapBytesPerAccount")), fmt(row.gcCount), fmt(row.gcTime)));
        }
        Runtime runtime = Runtime.getRuntime();
        md.append("\nMachine: ").append(runtime.availableProcessors()).append(" cores")
                .append(cpuModel()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append("; JDK ").append(System.getProperty("java.vm.name"))
                .append(' ').append(System.getProperty("java.runtime.version"))
                .append("; JMH forks with `-Xms2g -Xmx2g` (default GC: G1), 1 fork, 3×2 s warm-up, 5×2 s measurement ")
                .append("per size and mode (AverageTime, SampleTime). Whole run: ")
                .append(String.format(Locale.ROOT, "%.1f", minutes)).append(" min; ").append(load)
                .append(" (the machine is shared: other builds running at the same time make the numbers worse).\n\n")
                .append("Reproduce: `./mvnw -B -Pbenchmarks -pl account-service -am verify -Dit.test=TieringEngineBenchmark` ")
                .append("(`-Dit.test` keeps the chassis' outbox benchmark out; add `-Dbenchmark.accounts=10000` for one size, ")
                .append("`-Dbenchmark.gcComparison=false` to skip the ParallelGC run). JMH's own output: ")
                .append("`account-service/target/benchmarks/tiering-engine-jmh-g1.log` and `-parallelgc.log`.\n");
        return md.toString();
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "0" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String thousands(String number) {
        return number == null ? "?" : String.format(Locale.ROOT, "%,d", Long.parseLong(number));
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> " (" + l.substring(l.indexOf(':') + 1).trim() + ")").findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static final class Row {
        final int accounts;
        double average = Double.NaN;
        double averageError = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        double max = Double.NaN;
        long samples;
        double allocated = Double.NaN;
        double gcCount = Double.NaN;
        double gcTime = Double.NaN;
        Properties setup = new Properties();
        Properties run = new Properties();

        Row(int accounts) {
            this.accounts = accounts;
        }
    }
}
