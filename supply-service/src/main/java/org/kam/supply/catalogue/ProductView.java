package org.kam.supply.catalogue;

import java.time.Instant;
import java.util.List;

/**
 * One product with where its stock is and what is on its way: {@code onHand} is the sum of
 * {@code stock}, {@code incoming} the supply still EXPECTED, soonest first.
 */
public record ProductView(String sku, String name, String productLine, boolean technical, int onHand,
        LeadTimes leadTimes, Instant updatedAt, List<WarehouseStock> stock, List<IncomingSupply> incoming) {

    /** Units on hand in one warehouse. */
    public record WarehouseStock(String warehouseId, int onHand) {
    }
}
