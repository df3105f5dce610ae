package org.kam.supply.catalogue;

/**
 * A product's own lead times in whole days, when they differ from the configured ones: from the
 * start of production to goods ready to ship, and from shipping to goods in the warehouse.
 * {@code null}: the configured default.
 */
public record LeadTimes(Integer productionDays, Integer transportDays) {

    /** The configured defaults for both. */
    public static final LeadTimes DEFAULTS = new LeadTimes(null, null);

    public LeadTimes {
        if (productionDays != null && productionDays < 0) {
            throw new IllegalArgumentException("productionDays must be 0 or more, was " + productionDays);
        }
        if (transportDays != null && transportDays < 0) {
            throw new IllegalArgumentException("transportDays must be 0 or more, was " + transportDays);
        }
    }
}
