package org.kam.account.importing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One upload and where it stands. An import is all or nothing: every row is checked first; one bad
 * row rejects the whole file (with the list of errors) before anything is imported.
 */
public record ImportJob(UUID id, ImportKind kind, Status status, String fileName, long totalRows, long checkedRows,
        long importedRows, long errorCount, List<RowError> errors, String message, String createdBy,
        Instant createdAt, Instant finishedAt) {

    public enum Status {
        RECEIVED, VALIDATING, REJECTED, IMPORTING, DONE, FAILED
    }

    /** Share of the work done, 0 to 1: checking counts for the first half when the size is known. */
    public double progress() {
        return switch (status) {
            case RECEIVED -> 0;
            case VALIDATING -> 0;
            case IMPORTING -> totalRows == 0 ? 0 : 0.5 + 0.5 * importedRows / totalRows;
            case REJECTED, DONE, FAILED -> 1;
        };
    }
}
