package org.kam.relationship.activity;

/**
 * A sale was recorded for the first time, inside the transaction that recorded it: a Spring
 * application event, so frontline training follows what accounts buy in the same transaction.
 */
public record SaleArrived(SaleLine sale) {
}
