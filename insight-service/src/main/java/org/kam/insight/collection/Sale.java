package org.kam.insight.collection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The part of a kam.sales.v1 record insight-service uses. */
public record Sale(UUID eventId, String accountId, String sku, int quantity, BigDecimal amount, Instant occurredAt) {
}
