package org.kam.account.value;

import java.math.BigDecimal;

/**
 * What an account is expected to buy in the next three years, with the numbers behind it (see
 * {@link LongTermValueModel}). Money has two decimals, factors four; the estimate is computed
 * from the unrounded numbers.
 *
 * @param estimate3y        expected revenue over the next three years
 * @param ordersPerYear     distinct orders per year, over the last year or the account's shorter life
 * @param averageOrderValue revenue per order over the same period
 * @param trend             yearly growth factor, recent half-year revenue over the earlier one, clamped
 * @param retention         yearly chance the account keeps buying, from how long it has been silent
 * @param model             the model's name, so a reader knows which rules produced the estimate
 */
public record LongTermValue(BigDecimal estimate3y, BigDecimal ordersPerYear, BigDecimal averageOrderValue,
        BigDecimal trend, BigDecimal retention, String model) {
}
