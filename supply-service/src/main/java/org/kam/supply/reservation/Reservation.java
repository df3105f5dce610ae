package org.kam.supply.reservation;

import java.time.Instant;

/**
 * Stock protected for one account and SKU, as the API shows it; shortage = requested - reserved.
 * {@code basis} says what {@code requested} rests on (null once released), {@code forecastUnits}
 * is the account's forecast demand for the SKU over the protection horizon, before any POTENTIAL
 * share (null without history or once released).
 */
public record Reservation(String accountId, String sku, Tier tier, int requested, int reserved, int shortage,
        Basis basis, Double forecastUnits, Instant updatedAt) {
}
