package org.kam.supply.reservation;

import java.time.Instant;
import java.util.UUID;

/** The part of a kam.sales.v1 sale that supply needs: who bought how many of what, and when. */
public record SaleLine(UUID eventId, String accountId, String sku, int quantity, Instant occurredAt) {
}
