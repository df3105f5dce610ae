package org.kam.supply.reservation;

import org.kam.chassis.messaging.FutureLimit;
import org.kam.chassis.messaging.JsonFields;

/**
 * Reads the fields supply needs from a kam.sales.v1 record and ignores the rest (amount, currency,
 * order), so account-service can add fields without breaking supply.
 */
public final class SaleReader {

    private final FutureLimit future;

    /** @param future sales dated further ahead are refused: one dated 2999 would become the forecast clock */
    public SaleReader(FutureLimit future) {
        this.future = future;
    }

    public SaleLine read(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new SaleLine(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64),
                fields.requiredText("sku", 64),
                fields.positiveInt("quantity"),
                future.check("occurredAt", fields.requiredInstant("occurredAt")));
    }
}
