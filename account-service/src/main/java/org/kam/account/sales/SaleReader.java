package org.kam.account.sales;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.JsonFields;

/**
 * Reads a sale from its JSON (the kam.sales.v1 contract), the same way for Kafka records and for
 * {@code POST /api/v1/sales}, so both paths accept and reject exactly the same input.
 */
public final class SaleReader {

    private final String baseCurrency;

    public SaleReader(String baseCurrency) {
        this.baseCurrency = baseCurrency;
    }

    public Sale read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        String currency = fields.optionalText("currency", baseCurrency);
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidEventException("currency", "must be an ISO 4217 code such as EUR, was '" + currency + "'");
        }
        if (!currency.equals(baseCurrency)) {
            // Ranking customers on amounts in mixed currencies would be silently wrong.
            throw new InvalidEventException("currency", "amounts must be in the base currency " + baseCurrency
                    + ", was " + currency);
        }
        return new Sale(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId"),
                fields.requiredText("orderId"),
                fields.requiredText("sku"),
                fields.positiveInt("quantity"),
                fields.nonNegativeDecimal("amount"),
                currency,
                fields.requiredInstant("occurredAt"));
    }
}
