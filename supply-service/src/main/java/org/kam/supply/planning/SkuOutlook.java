package org.kam.supply.planning;

import java.time.LocalDate;
import java.util.List;

import org.kam.supply.reservation.Tier;

/**
 * What the planner knows of one SKU: its stock, the units KEY and POTENTIAL accounts' orders are
 * still owed, the supply still expected, and the weekly demand forecast of each KEY and POTENTIAL
 * account that buys it.
 *
 * @param backordered   units owed to KEY and POTENTIAL accounts' waiting orders: arriving stock
 *                      serves them first, so they are demand of the current week
 * @param forecastStart the Monday the forecasts' week 0 begins (the week of the latest sale supply
 *                      knows); it may lie before the current week, whose earlier weeks have passed
 * @param productionLeadDays the product's own production lead time in days; {@code null}: the planner's
 * @param transportLeadDays  the product's own transport lead time in days; {@code null}: the planner's
 */
record SkuOutlook(String sku, String productName, int onHand, int backordered, List<Supply> incoming,
        LocalDate forecastStart, List<AccountDemand> accounts, Integer productionLeadDays, Integer transportLeadDays) {

    /** With the planner's lead times. */
    SkuOutlook(String sku, String productName, int onHand, int backordered, List<Supply> incoming,
            LocalDate forecastStart, List<AccountDemand> accounts) {
        this(sku, productName, onHand, backordered, incoming, forecastStart, accounts, null, null);
    }

    SkuOutlook {
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
        }
        if (backordered < 0) {
            throw new IllegalArgumentException("backordered must be 0 or more, was " + backordered);
        }
        if (forecastStart.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("forecastStart must be a Monday, was " + forecastStart);
        }
        incoming = List.copyOf(incoming);
        accounts = List.copyOf(accounts);
    }

    /** {@code quantity} units expected in stock on {@code dueOn}. */
    record Supply(LocalDate dueOn, int quantity) {
    }

    /** One account's forecast demand per week, week 0 starting on {@link SkuOutlook#forecastStart()}. */
    record AccountDemand(String accountId, Tier tier, List<Double> weekly) {

        AccountDemand {
            weekly = List.copyOf(weekly);
        }
    }
}
