package org.kam.relationship.activity;

import java.math.BigDecimal;
import java.util.Optional;

import org.kam.chassis.messaging.Enums;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.JsonFields;

/**
 * Tolerant readers of the other services' records that briefings are built from: sales
 * (sale.v1), protections (reservation-changed.v1) and key-account stock-outs
 * (key-account-stock-out.v1). Each reads only the fields it needs, with the contract's bounds.
 */
public final class ActivityReaders {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private final FutureLimit future;

    public ActivityReaders(FutureLimit future) {
        this.future = future;
    }

    public SaleLine sale(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new SaleLine(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64),
                fields.requiredText("sku", 64),
                fields.positiveInt("quantity"),
                fields.nonNegativeDecimal("amount", MAX_AMOUNT, 4),
                future.check("occurredAt", fields.requiredInstant("occurredAt")));
    }

    public Protection protection(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new Protection(
                fields.requiredUuid("eventId"),
                fields.requiredInstant("occurredAt"),
                fields.requiredText("accountId", 64),
                fields.requiredText("sku", 64),
                fields.nonNegativeInt("requested"),
                fields.nonNegativeInt("reserved"),
                fields.nonNegativeInt("shortage"));
    }

    /**
     * A kam.supply-signals.v1 record of type {@code eventType} (its {@code kam-event-type} header):
     * a {@code KeyAccountStockOut}, or empty for the other types on the topic, which briefings do not use.
     */
    public Optional<StockOut> supplySignal(String eventType, byte[] json) {
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidEventException("kam-event-type", "header is required on kam.supply-signals.v1");
        }
        if (!"KeyAccountStockOut".equals(eventType)) {
            return Optional.empty();
        }
        JsonFields fields = JsonFields.parse(json);
        return Optional.of(new StockOut(
                fields.requiredUuid("eventId"),
                fields.requiredInstant("occurredAt"),
                fields.requiredText("accountId", 64),
                fields.requiredText("sku", 64),
                fields.positiveInt("ordered"),
                fields.positiveInt("backordered"),
                Enums.parse(StockOutCause.class, "cause", fields.requiredText("cause"))));
    }
}
