package org.kam.account.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One order line sold to a customer, as carried by kam.sales.v1. */
public record Sale(UUID eventId, String accountId, String orderId, String sku, int quantity, BigDecimal amount,
        String currency, Instant occurredAt) {
}
