package org.kam.relationship.activity;

/** Why a KEY account's order could not be served in full (key-account-stock-out.v1, as supply-service says). */
public enum StockOutCause {
    /** Nothing of the SKU was on hand. */
    NO_STOCK,
    /** Units were on hand, but all protected for other accounts. */
    STOCK_PROTECTED_FOR_OTHERS,
    /** The order took everything it could and wanted more. */
    ORDER_ABOVE_STOCK
}
