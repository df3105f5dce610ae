package org.kam.account.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Import jobs as stored; every update is its own short transaction, so progress is visible at once. */
@Repository
class ImportJobs {

    /** Errors kept per job; the count covers all of them. */
    static final int ERRORS_KEPT = 1000;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ImportJobs(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    ImportJob create(ImportKind kind, String fileName, String actor) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into import_job (id, kind, status, file_name, created_by) values (?, ?, 'RECEIVED', ?, ?)",
                id, kind.name(), fileName, actor);
        return find(id).orElseThrow();
    }

    Optional<ImportJob> find(UUID id) {
        return jdbc.query("select * from import_job where id = ?", this::job, id).stream().findFirst();
    }

    List<ImportJob> recent(int limit) {
        return jdbc.query("select * from import_job order by created_at desc limit ?", this::job, limit);
    }

    void checking(UUID id, long checkedRows) {
        jdbc.update("update import_job set status = 'VALIDATING', checked_rows = ?, updated_at = now() where id = ?",
                checkedRows, id);
    }

    void rejected(UUID id, long rows, long errorCount, List<RowError> errors, String message) {
        jdbc.update("""
                update import_job set status = 'REJECTED', total_rows = ?, checked_rows = ?, error_count = ?, errors = ?,
                       message = ?, updated_at = now(), finished_at = now() where id = ?""",
                rows, rows, errorCount, json.writeValueAsString(errors), message, id);
    }

    void importing(UUID id, long totalRows, long importedRows) {
        jdbc.update("""
                update import_job set status = 'IMPORTING', total_rows = ?, checked_rows = ?, imported_rows = ?,
                       updated_at = now() where id = ?""", totalRows, totalRows, importedRows, id);
    }

    void done(UUID id, long importedRows, String message) {
        jdbc.update("""
                update import_job set status = 'DONE', imported_rows = ?, message = ?, updated_at = now(), finished_at = now()
                where id = ?""", importedRows, message, id);
    }

    void failed(UUID id, String message) {
        jdbc.update("""
                update import_job set status = 'FAILED', message = ?, updated_at = now(), finished_at = now()
                where id = ?""", message, id);
    }

    /** Jobs a stopped service left half-way are failed, visibly; re-running the file is safe. */
    int failInterrupted() {
        return jdbc.update("""
                update import_job set status = 'FAILED', finished_at = now(), updated_at = now(),
                       message = 'interrupted by a restart after ' || imported_rows || ' rows; import the file again: rows already imported are skipped'
                where status in ('RECEIVED', 'VALIDATING', 'IMPORTING')""");
    }

    private ImportJob job(ResultSet rs, int row) throws SQLException {
        List<RowError> errors = json.readValue(rs.getString("errors"), new TypeReference<List<RowError>>() { });
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportJob(rs.getObject("id", UUID.class), ImportKind.valueOf(rs.getString("kind")),
                ImportJob.Status.valueOf(rs.getString("status")), rs.getString("file_name"), rs.getLong("total_rows"),
                rs.getLong("checked_rows"), rs.getLong("imported_rows"), rs.getLong("error_count"), errors,
                rs.getString("message"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
