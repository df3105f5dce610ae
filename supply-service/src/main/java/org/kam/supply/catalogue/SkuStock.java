package org.kam.supply.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SKU's stock as an allocation holds it while it decides: units on hand over all warehouses,
 * each warehouse's units, and when the stock was last counted ({@code null}: never). Plain and
 * immutable; {@link #take} decides which warehouses a sale empties, {@link Catalogue#sold} stores
 * what it decided.
 *
 * @param warehouses units per warehouse, by warehouse id
 */
public record SkuStock(String sku, int onHand, Instant countedAt, Map<String, Integer> warehouses) {

    /** Warehouses holding the most go first: a sale does not name a warehouse. */
    private static final Comparator<Map.Entry<String, Integer>> MOST_FIRST = Map.Entry.<String, Integer>comparingByValue()
            .reversed().thenComparing(Map.Entry.comparingByKey());

    public SkuStock {
        warehouses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(warehouses));
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand must be 0 or more, was " + onHand);
        }
    }

    /** A sale at {@code occurredAt} was shipped before the last count and is already in it. */
    public boolean includes(Instant occurredAt) {
        return countedAt != null && !occurredAt.isAfter(countedAt);
    }

    /**
     * {@code units} sold taken out, from the warehouses holding most first.
     *
     * @throws IllegalStateException when the warehouses do not hold them: allocation decided that
     *                               they exist, so the picture it decided from was wrong
     */
    public Taken take(int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be 0 or more, was " + units);
        }
        Map<String, Integer> left = new LinkedHashMap<>(warehouses);
        List<String> touched = new ArrayList<>();
        int wanted = units;
        for (Map.Entry<String, Integer> stock : warehouses.entrySet().stream().sorted(MOST_FIRST).toList()) {
            if (wanted == 0) {
                break;
            }
            int taken = Math.min(wanted, stock.getValue());
            if (taken > 0) {
                left.put(stock.getKey(), stock.getValue() - taken);
                touched.add(stock.getKey());
                wanted -= taken;
            }
        }
        if (wanted > 0 || units > onHand) {
            throw new IllegalStateException("Allocation took " + units + " units of " + sku + " but only "
                    + Math.min(onHand, units - wanted) + " are on hand");
        }
        return new Taken(new SkuStock(sku, onHand - units, countedAt, left), touched);
    }

    /** The stock after a sale, and the warehouses it took units from (most first). */
    public record Taken(SkuStock stock, List<String> warehouses) {
    }
}
