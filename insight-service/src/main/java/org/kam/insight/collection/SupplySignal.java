package org.kam.insight.collection;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The part of a kam.supply-signals.v1 record insight-service uses, one record per event type (the
 * {@code kam-event-type} header); each keyed by {@code sku} on the topic.
 */
public sealed interface SupplySignal {

    UUID eventId();

    String sku();

    /**
     * {@code KeyAccountStockOut} (key-account-stock-out.v1): a KEY account's order got
     * {@code served} of {@code ordered} units at once, {@code backordered} wait. {@code cause} is
     * kept as text (NO_STOCK, STOCK_PROTECTED_FOR_OTHERS, ORDER_ABOVE_STOCK, or one added later).
     */
    record StockOut(UUID eventId, String sku, String accountId, int ordered, int served, int backordered,
            String cause) implements SupplySignal {
    }

    /** {@code ShortageRisk} (shortage-risk.v1): {@code shortfall} units missing from the week of {@code firstShortWeek}. */
    record ShortageRisk(UUID eventId, String sku, int shortfall, LocalDate firstShortWeek) implements SupplySignal {
    }

    /**
     * {@code ProductionRequested} (production-requested.v1): {@code quantity} units needed in stock
     * by {@code neededBy}, production to start by {@code latestStart}; {@code daysLate} &gt; 0 when
     * that day had passed when planned.
     */
    record ProductionRequest(UUID eventId, String sku, int quantity, LocalDate neededBy, LocalDate latestStart,
            int daysLate) implements SupplySignal {
    }

    /** {@code TransportRequested} (transport-requested.v1): {@code quantity} units to ship by {@code shipBy}, in stock by {@code neededBy}. */
    record TransportRequest(UUID eventId, String sku, int quantity, LocalDate neededBy, LocalDate shipBy)
            implements SupplySignal {
    }

    /** {@code ShortageRiskCleared} (shortage-risk-cleared.v1): the plan for a shortfall of {@code previousShortfall} is withdrawn. */
    record ShortageRiskCleared(UUID eventId, String sku, int previousShortfall) implements SupplySignal {
    }
}
