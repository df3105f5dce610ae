package org.kam.supply.reservation;

import org.kam.chassis.messaging.JsonFields;

/**
 * Reads the fields supply needs from a kam.sales.v1 record and ignores the rest (amount, currency,
 * order), so account-service can add fields without breaking supply.
 */
public final class SaleReader {

    public SaleLine read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new SaleLine(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId"),
                fields.requiredText("sku"),
                fields.positiveInt("quantity"),
                fields.requiredInstant("occurredAt"));
    }
}
