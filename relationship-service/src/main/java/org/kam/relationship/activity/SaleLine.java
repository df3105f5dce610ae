package org.kam.relationship.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The part of a sale (kam.sales.v1) this service needs: for the sales trend and what was bought. */
public record SaleLine(UUID eventId, String accountId, String sku, int quantity, BigDecimal amount, Instant occurredAt) {
}
