package org.kam.account.sales;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.kam.account.tiering.Money;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.chassis.messaging.JsonFields;

import tools.jackson.databind.JsonNode;

/**
 * Reads a sale from its JSON (the kam.sales.v1 contract), the same way for Kafka records and for
 * {@code POST /api/v1/sales}, so both paths accept and reject exactly the same input.
 */
public final class SaleReader {

    /** The largest order line the exact money arithmetic takes with room for a year of sums. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private final String baseCurrency;
    private final FutureLimit future;

    /**
     * @param futureTolerance how far past the wall clock a sale may be dated: one from further
     *                        ahead would move the business clock and empty everyone's window
     */
    public SaleReader(String baseCurrency, Clock clock, Duration futureTolerance) {
        this.baseCurrency = baseCurrency;
        this.future = new FutureLimit(clock, futureTolerance);
    }

    public Sale read(byte[] json) {
        return read(JsonFields.parse(json));
    }

    /** The same checks for a sale that arrived as a JSON tree (e.g. built from a CSV row). */
    public Sale read(JsonNode json) {
        return read(JsonFields.of(json));
    }

    private Sale read(JsonFields fields) {
        String currency = fields.optionalText("currency", baseCurrency);
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidEventException("currency", "must be an ISO 4217 code such as EUR, was '" + currency + "'");
        }
        if (!currency.equals(baseCurrency)) {
            // Ranking customers on amounts in mixed currencies would be silently wrong.
            throw new InvalidEventException("currency", "amounts must be in the base currency " + baseCurrency
                    + ", was " + currency);
        }
        UUID eventId = fields.requiredUuid("eventId");
        // The bounds of sale.v1.schema.json; ReadersAgreeWithTheSchemasTest keeps the two in step.
        String accountId = fields.requiredText("accountId", 64);
        String orderId = fields.requiredText("orderId", 128);
        String sku = fields.requiredText("sku", 64);
        int quantity = fields.positiveInt("quantity");
        BigDecimal amount = fields.nonNegativeDecimal("amount", MAX_AMOUNT, Money.SCALE);
        Instant occurredAt = future.check("occurredAt", fields.requiredInstant("occurredAt"));
        return new Sale(eventId, accountId, orderId, sku, quantity, amount, currency, occurredAt);
    }
}
