package org.kam.supply;

/**
 * Something the peak-season plan reads changed inside the current transaction: a sale, a tier, the
 * stock or the supply on its way. A Spring application event, so planning can re-plan soon after
 * without the services that change those things knowing about planning.
 */
public record PlanningInputChanged(String what) {

    public static final PlanningInputChanged SALE = new PlanningInputChanged("sale");
    public static final PlanningInputChanged TIER = new PlanningInputChanged("tier");
    public static final PlanningInputChanged STOCK = new PlanningInputChanged("stock");
    public static final PlanningInputChanged SUPPLY = new PlanningInputChanged("incoming supply");
}
