package org.kam.account.value;

import java.math.BigDecimal;
import java.time.Instant;

/** One order line of an account's purchase history: a sale as the value model needs it. */
public record Purchase(String orderId, BigDecimal amount, Instant occurredAt) {
}
