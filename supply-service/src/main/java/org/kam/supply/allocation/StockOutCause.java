package org.kam.supply.allocation;

/** Why a key account's order could not be served in full, as {@code KeyAccountStockOut} says. */
public enum StockOutCause {
    /** Nothing of the SKU was on hand. */
    NO_STOCK,
    /** Units were on hand, but all of them protected for other accounts. */
    STOCK_PROTECTED_FOR_OTHERS,
    /** The order took everything it could (its protection, free stock) and wanted more. */
    ORDER_ABOVE_STOCK
}
