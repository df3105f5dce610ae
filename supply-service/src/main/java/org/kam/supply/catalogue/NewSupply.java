package org.kam.supply.catalogue;

import java.time.LocalDate;

import org.kam.chassis.messaging.InvalidEventException;

/** Supply announced as on its way, before it is stored. */
public record NewSupply(SupplyKind kind, String sku, String warehouseId, int quantity, LocalDate dueOn) {

    /**
     * Refuses what can never arrive: nothing, or something due before {@code today}. Today itself
     * is allowed, as supply announced on the day it lands is common.
     */
    public void check(LocalDate today) {
        if (quantity <= 0) {
            throw new InvalidEventException("quantity", "must be greater than 0, was " + quantity);
        }
        if (dueOn.isBefore(today)) {
            throw new InvalidEventException("dueOn", "must be today (" + today + ") or later, was " + dueOn);
        }
    }
}
