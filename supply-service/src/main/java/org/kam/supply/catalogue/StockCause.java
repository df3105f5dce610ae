package org.kam.supply.catalogue;

/** Why a warehouse's stock changed: set by a planner (a count, a correction) or supply received. */
public enum StockCause {
    ADJUSTED, RECEIVED
}
