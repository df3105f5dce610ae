package org.kam.supply.reservation;

/** What the units requested for a protection rest on. */
public enum Basis {
    /** The account's forecast demand for the SKU over the protection horizon (a share of it for POTENTIAL). */
    FORECAST,
    /** The stock level agreed with the (KEY) account for the SKU, which overrides the forecast. */
    AGREED
}
