package org.kam.supply.catalogue;

public enum SupplyStatus {
    EXPECTED, RECEIVED, CANCELLED
}
