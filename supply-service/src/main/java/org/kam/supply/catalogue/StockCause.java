package org.kam.supply.catalogue;

/** Why a warehouse's stock changed: set by a planner (a count, a correction), supply received, or sold. */
public enum StockCause {
    ADJUSTED, RECEIVED, SOLD
}
