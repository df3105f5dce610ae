package org.kam.insight.collection;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.JsonFields;

/**
 * Reads the records insight-service consumes, each by its contract under infra/contracts/schemas,
 * taking only the fields it uses (a tolerant reader: producers may add fields). A record that
 * cannot be used throws {@link InvalidEventException} naming the field, and is dead-lettered.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    /** A kam.sales.v1 record (sale.v1.schema.json). */
    public static Sale sale(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new Sale(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId"),
                fields.requiredText("sku"),
                fields.positiveInt("quantity"),
                fields.nonNegativeDecimal("amount"),
                fields.requiredInstant("occurredAt"));
    }

    /** A kam.account-tiers.v1 record (tier-changed.v1.schema.json). */
    public static TierChange tierChange(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new TierChange(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId"),
                tier(fields, "from"),
                tier(fields, "to"),
                fields.requiredInstant("asOf"));
    }

    /** A kam.reservations.v1 record (reservation-changed.v1.schema.json). */
    public static ReservationChange reservationChange(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new ReservationChange(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId"),
                fields.requiredText("sku"),
                units(fields, "requested"),
                units(fields, "reserved"),
                units(fields, "shortage"),
                fields.requiredText("cause"));
    }

    private static Tier tier(JsonFields fields, String field) {
        String text = fields.requiredText(field);
        try {
            return Tier.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, "must be one of "
                    + Arrays.stream(Tier.values()).map(Tier::name).collect(Collectors.joining(", "))
                    + ", was '" + text + "'");
        }
    }

    /** A whole number of units, 0 or more. */
    private static int units(JsonFields fields, String field) {
        BigDecimal value = fields.nonNegativeDecimal(field);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidEventException(field, "must be an integer, was " + value.toPlainString());
        }
    }
}
