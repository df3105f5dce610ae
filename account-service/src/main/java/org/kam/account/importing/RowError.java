package org.kam.account.importing;

/** What is wrong with one row of an import file; rows count from 1 after the header line. */
public record RowError(long row, String field, String message) {
}
