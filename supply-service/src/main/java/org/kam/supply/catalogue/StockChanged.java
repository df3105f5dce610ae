package org.kam.supply.catalogue;

/**
 * The units on hand of {@code sku} were set, inside the transaction that set them. Published as a
 * Spring application event, so whoever protects stock can re-size in the same transaction without
 * the catalogue knowing about protections.
 */
public record StockChanged(String sku, int onHand) {
}
