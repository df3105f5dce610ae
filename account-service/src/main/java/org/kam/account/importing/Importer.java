package org.kam.account.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.kam.account.Topics;
import org.kam.account.directory.AccountDetailsChanged;
import org.kam.account.sales.Sale;
import org.kam.account.sales.SaleReader;
import org.kam.account.tiering.Tiering;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.OutgoingEvent;
import org.kam.chassis.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk imports of customers and historical sales from CSV.
 *
 * <p>The upload is streamed to a file, then read twice, a row at a time: first every row is
 * checked, and one bad row rejects the file with a report of every bad row, before anything is
 * imported; then the rows are imported in batches, with progress visible on the job. Customers go
 * into the directory in one transaction. Sales are published on kam.sales.v1 through the outbox,
 * so supply- and insight-service receive the history too and account-service records them like
 * any sale; their event ids are derived from the rows, so importing a file again is harmless.
 */
@Service
public class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final ImportJobs jobs;
    private final SaleRows saleRows;
    private final Outbox outbox;
    private final Tiering tiering;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Path directory;
    private final int batchSize;
    private final long maxBytes;
    private final long maxRows;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "csv-import");
        thread.setDaemon(true);
        return thread;
    });

    Importer(ImportJobs jobs, SaleReader saleReader, Outbox outbox, Tiering tiering, JdbcTemplate jdbc,
            TransactionTemplate tx, JsonMapper json, Clock clock, MeterRegistry meters,
            @Value("${kam.imports.directory}") Path directory, @Value("${kam.imports.batch-size:5000}") int batchSize,
            @Value("${kam.imports.max-bytes:2GB}") org.springframework.util.unit.DataSize maxBytes,
            @Value("${kam.imports.max-rows:20000000}") long maxRows) {
        this.maxBytes = maxBytes.toBytes();
        this.maxRows = maxRows;
        this.jobs = jobs;
        this.saleRows = new SaleRows(saleReader);
        this.outbox = outbox;
        this.tiering = tiering;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.directory = directory;
        this.batchSize = batchSize;
    }

    /** Stores the upload and starts checking it; imports run one after the other. */
    public ImportJob start(ImportKind kind, String fileName, InputStream body, String actor) {
        ImportJob job = jobs.create(kind, fileName, actor);
        Path file = directory.resolve(job.id() + ".csv");
        try {
            Files.createDirectories(directory);
            if (copyAtMost(body, file, maxBytes) > maxBytes) {
                Files.deleteIfExists(file);
                String message = "the upload is larger than the limit of " + maxBytes + " bytes";
                jobs.failed(job.id(), message);
                throw new org.kam.chassis.web.TooLargeException(message);
            }
        } catch (IOException e) {
            jobs.failed(job.id(), "the upload could not be stored: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
        worker.submit(() -> run(job, file));
        return job;
    }

    /** Copies up to {@code limit} + 1 bytes; returns how many were copied (more than limit: too large). */
    private static long copyAtMost(InputStream body, Path file, long limit) throws IOException {
        long copied = 0;
        byte[] buffer = new byte[65536];
        try (var out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                copied += n;
                if (copied > limit) {
                    return copied;
                }
                out.write(buffer, 0, n);
            }
        }
        return copied;
    }

    public java.util.Optional<ImportJob> find(UUID id) {
        return jobs.find(id);
    }

    public List<ImportJob> recent(int limit) {
        return jobs.recent(limit);
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedImports() {
        int interrupted = jobs.failInterrupted();
        if (interrupted > 0) {
            log.warn("{} import(s) were interrupted by a restart and are marked FAILED", interrupted);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(ImportJob job, Path file) {
        try {
            switch (job.kind()) {
                case SALES -> importSales(job.id(), file);
                case CUSTOMERS -> importCustomers(job.id(), file);
            }
        } catch (CsvFile.MalformedCsvException e) {
            jobs.rejected(job.id(), 0, 1, List.of(new RowError(0, "$", e.getMessage())), "not a valid CSV file");
        } catch (RuntimeException e) {
            log.error("Import {} failed", job.id(), e);
            jobs.failed(job.id(), e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete {}", file);
            }
        }
    }

    private void importSales(UUID id, Path file) {
        Check check = new Check(id);
        CsvFile.forEachRow(file, maxRows, row -> {
            try {
                saleRows.read(row);
            } catch (InvalidEventException e) {
                check.error(new RowError(row.number(), e.field(), e.problem()));
            }
            check.rowDone();
        });
        if (check.rejects()) {
            return;
        }
        long total = check.rows;
        jobs.importing(id, total, 0);
        List<OutgoingEvent> batch = new ArrayList<>(batchSize);
        long[] imported = new long[1];
        CsvFile.forEachRow(file, maxRows, row -> {
            Sale sale = saleRows.read(row);
            batch.add(new OutgoingEvent(sale.eventId(), Topics.SALES, sale.accountId(), "SaleRecorded",
                    json.writeValueAsString(sale)));
            if (batch.size() == batchSize) {
                imported[0] += publish(batch);
                jobs.importing(id, total, imported[0]);
            }
        });
        imported[0] += publish(batch);
        jobs.done(id, imported[0], imported[0] + " sales published on " + Topics.SALES);
        meters.counter("kam.imports.rows", "kind", "SALES").increment(imported[0]);
    }

    private int publish(List<OutgoingEvent> batch) {
        int size = batch.size();
        tx.executeWithoutResult(status -> outbox.appendAll(batch));
        batch.clear();
        return size;
    }

    private void importCustomers(UUID id, Path file) {
        CustomerRows reader = new CustomerRows(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        Check check = new Check(id);
        Set<String> ids = new HashSet<>();
        List<String[]> parents = new ArrayList<>();
        CsvFile.forEachRow(file, maxRows, row -> {
            List<RowError> errors = CustomerRows.newErrors();
            CustomerRows.Customer customer = reader.read(row, errors);
            errors.forEach(check::error);
            if (customer != null) {
                if (!ids.add(customer.id())) {
                    check.error(new RowError(row.number(), "id", "appears twice in the file: " + customer.id()));
                }
                if (customer.parentId() != null) {
                    parents.add(new String[] { String.valueOf(row.number()), customer.parentId() });
                }
            }
            check.rowDone();
        });
        for (String[] parent : parents) {
            if (!ids.contains(parent[1]) && jdbc.queryForList("select 1 from account where id = ?", parent[1]).isEmpty()) {
                check.error(new RowError(Long.parseLong(parent[0]), "parentId", "no account " + parent[1]
                        + " in the file or the directory"));
            }
        }
        if (check.rejects()) {
            return;
        }
        long total = check.rows;
        jobs.importing(id, total, 0);
        // One transaction: a customer file is imported whole or not at all.
        tx.executeWithoutResult(status -> {
            List<CustomerRows.Customer> batch = new ArrayList<>(batchSize);
            List<CustomerRows.Customer> all = new ArrayList<>();
            CsvFile.forEachRow(file, maxRows, row -> {
                CustomerRows.Customer customer = reader.read(row, CustomerRows.newErrors());
                batch.add(customer);
                if (customer.parentId() != null) {
                    all.add(customer);
                }
                if (batch.size() == batchSize) {
                    upsert(batch);
                }
            });
            upsert(batch);
            // Parents may come after their children in the file: link them once all exist.
            jdbc.batchUpdate("update account set parent_id = ? where id = ?", all, batchSize,
                    (ps, c) -> {
                        ps.setString(1, c.parentId());
                        ps.setString(2, c.id());
                    });
        });
        jobs.done(id, total, total + " customers imported");
        meters.counter("kam.imports.rows", "kind", "CUSTOMERS").increment(total);
    }

    private void upsert(List<CustomerRows.Customer> batch) {
        jdbc.batchUpdate("""
                insert into account (id, name, industry, region, opened_on, owner,
                                     financial_strength, core_competence, growth_potential)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name, industry = excluded.industry,
                    region = excluded.region, opened_on = excluded.opened_on, owner = excluded.owner,
                    financial_strength = excluded.financial_strength, core_competence = excluded.core_competence,
                    growth_potential = excluded.growth_potential, updated_at = now()""",
                batch, batchSize, (ps, c) -> {
                    ps.setString(1, c.id());
                    ps.setString(2, c.name());
                    ps.setString(3, c.industry());
                    ps.setString(4, c.region());
                    ps.setDate(5, c.openedOn() == null ? null : Date.valueOf(c.openedOn()));
                    ps.setString(6, c.owner());
                    ps.setObject(7, c.financialStrength());
                    ps.setObject(8, c.coreCompetence());
                    ps.setObject(9, c.growthPotential());
                });
        tiering.assessedAll(batch.stream().map(c -> new Tiering.Assessment(c.id(), c.financialStrength(),
                c.coreCompetence(), c.growthPotential())).toList());
        // Every imported row is announced, changed or not: a file is the directory's word on those accounts.
        Instant now = clock.instant();
        outbox.appendAll(batch.stream().map(c -> AccountDetailsChanged.of(c.id(), c.name(), c.region(), c.parentId(),
                c.openedOn(), c.owner(), now).outgoing(json)).toList());
        batch.clear();
    }

    /** The checking pass: counts rows, keeps the first errors, reports progress now and then. */
    private final class Check {
        private final UUID id;
        private final List<RowError> errors = new ArrayList<>();
        private long rows;
        private long errorCount;

        Check(UUID id) {
            this.id = id;
            jobs.checking(id, 0);
        }

        void error(RowError error) {
            errorCount++;
            if (errors.size() < ImportJobs.ERRORS_KEPT) {
                errors.add(error);
            }
        }

        void rowDone() {
            rows++;
            if (rows % 50_000 == 0) {
                jobs.checking(id, rows);
            }
        }

        boolean rejects() {
            if (errorCount == 0 && rows > 0) {
                return false;
            }
            jobs.rejected(id, rows, errorCount, errors, rows == 0 ? "the file has no data rows"
                    : errorCount + " row error(s): nothing was imported; fix them and upload the file again");
            return true;
        }
    }
}
