package org.kam.account.importing;

/** What a CSV file holds. */
public enum ImportKind {
    /** Customer master data: one row per account. */
    CUSTOMERS,
    /** Historical sales: one row per order line, published on kam.sales.v1 like any other sale. */
    SALES
}
