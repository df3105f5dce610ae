package org.kam.supply.planning;

import java.time.LocalDate;
import java.util.List;

import org.kam.supply.reservation.Tier;

/**
 * What the planner knows of one SKU: its stock, the supply still expected, and the weekly demand
 * forecast of each KEY and POTENTIAL account that buys it.
 *
 * @param forecastStart the Monday the forecasts' week 0 begins (the week of the latest sale supply
 *                      knows); it may lie before the current week, whose earlier weeks have passed
 */
record SkuOutlook(String sku, String productName, int onHand, List<Supply> incoming, LocalDate forecastStart,
        List<AccountDemand> accounts) {

    SkuOutlook {
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
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
