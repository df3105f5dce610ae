package org.kam.insight.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A key account's weekly sales deviated significantly from their seasonal baseline (the analysis
 * found it; published as {@code MarketSignal} on kam.insight-signals.v1, market-signal.v1).
 *
 * @param kind     SPIKE, DROP (one week), LEVEL_UP, LEVEL_DOWN (sustained)
 * @param size     value − baseline, in the base currency
 * @param score    the standardised residual (spike, drop) or the CUSUM statistic (level shift)
 */
public record MarketSignal(UUID eventId, Instant occurredAt, String scope, String accountId, String productLine,
        LocalDate weekStart, String kind, String direction, double value, double baseline, double size, double score,
        String method) {
}
