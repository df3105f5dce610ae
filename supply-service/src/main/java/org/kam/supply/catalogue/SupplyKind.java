package org.kam.supply.catalogue;

public enum SupplyKind {
    PRODUCTION_ORDER, SHIPMENT
}
