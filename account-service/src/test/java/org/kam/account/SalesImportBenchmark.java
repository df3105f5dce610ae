package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A million-row sales file through {@code POST /api/v1/imports/sales}, in a test JVM whose heap is
 * capped by the benchmarks profile: the import must finish (it is read a row at a time), and the
 * report says how long it took and how much heap the JVM needed at most. Not part of the test run:
 * {@code ./mvnw -B -Pbenchmarks -pl account-service -am verify}; report in
 * {@code account-service/target/benchmarks/sales-import.md}.
 */
@TestPropertySource(properties = "kam.test.context=import-benchmark")
class SalesImportBenchmark extends ServiceIntegrationTest {

    private static final int ROWS = Integer.getInteger("import.rows", 1_000_000);

    @Test
    void aMillionRowSalesFileImportsWithinABoundedHeap() throws Exception {
        Path file = Path.of("target", "benchmarks", "sales-" + ROWS + ".csv");
        Files.createDirectories(file.getParent());
        writeSalesFile(file);
        resetPeaks();

        long started = System.nanoTime();
        TestApi.Response upload = api.uploadFile("/api/v1/imports/sales", "text/csv", file, "ADMIN");
        assertThat(upload.status()).isEqualTo(202);
        String location = upload.header("Location");
        JsonNode job = await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get(location, "ADMIN").json(),
                        j -> java.util.List.of("DONE", "REJECTED", "FAILED").contains(j.get("status").asString()));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("importedRows").asLong()).isEqualTo(ROWS);
        String report = """
                # Sales import: %,d rows

                | file | upload + check + publish | rows/s | peak heap used (JVM: service, broker, test) | max heap |
                |---:|---:|---:|---:|---:|
                | %,d MB | %.1f s | %,.0f | %,d MB | %,d MB |

                Imported through `POST /api/v1/imports/sales` (streamed to disk, checked row by row, then
                published on kam.sales.v1 through the outbox in batches); the embedded Kafka broker and the
                service share this JVM. Reproduce: `./mvnw -B -Pbenchmarks -pl account-service -am verify`.
                """.formatted(ROWS, Files.size(file) >> 20, seconds, ROWS / seconds, peakHeapUsed() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        Files.writeString(Path.of("target", "benchmarks", "sales-import.md"), report);
        System.out.println(report);
        Files.delete(file);
    }

    private static void writeSalesFile(Path file) throws Exception {
        Random random = new Random(42);
        Instant start = Instant.now().minus(Duration.ofDays(360));
        String[] skus = { "BRG-6204", "BRG-6205-2RS", "VLV-BALL-DN50", "AC-CMP-20", "HP-CIRC-40", "PMP-CENT-80" };
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("accountId,orderId,sku,quantity,amount,currency,occurredAt\n");
            for (int i = 0; i < ROWS; i++) {
                int account = (int) Math.min(19_999, Math.floor(Math.pow(random.nextDouble(), 3) * 20_000));
                int quantity = 1 + random.nextInt(50);
                out.write("BIG-" + account + ",SO-" + i + "," + skus[random.nextInt(skus.length)] + "," + quantity + ","
                        + (quantity * (10 + random.nextInt(390))) + "." + (10 + random.nextInt(90)) + ",EUR,"
                        + start.plusSeconds(i * 31L) + "\n");
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
