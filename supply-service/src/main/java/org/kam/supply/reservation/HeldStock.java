package org.kam.supply.reservation;

/**
 * One protection on a SKU as an allocation loads it to decide in memory: the account, its tier,
 * the units its protection wants ({@code requested}) and holds now ({@code reserved}).
 */
public record HeldStock(String accountId, Tier tier, int requested, int reserved) {
}
