package org.kam.relationship.activity;

import java.util.List;

/**
 * The valid sales a consumer's transaction is about to record, one {@link SaleArrived} each after
 * this: a listener may read what it will need for all of them now, in one statement instead of one
 * per sale. Published in that transaction.
 */
public record SalesAhead(List<SaleLine> sales) {

    public SalesAhead {
        sales = List.copyOf(sales);
    }
}
