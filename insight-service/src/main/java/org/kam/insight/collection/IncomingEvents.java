package org.kam.insight.collection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.chassis.messaging.JsonFields;

/**
 * Reads the records insight-service consumes, each by its contract under infra/contracts/schemas,
 * taking only the fields it uses (a tolerant reader: producers may add fields). A record that
 * cannot be used throws {@link InvalidEventException} naming the field, and is dead-lettered.
 */
public final class IncomingEvents {

    /** The sale contract's bounds on an amount (sale.v1.schema.json: maximum, multipleOf 0.0001). */
    static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("1000000000000");

    private IncomingEvents() {
    }

    /** A kam.sales.v1 record (sale.v1.schema.json). */
    public static Sale sale(byte[] json, FutureLimit future) {
        JsonFields fields = JsonFields.parse(json);
        return new Sale(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64),
                fields.requiredText("sku", 64),
                fields.positiveInt("quantity"),
                fields.nonNegativeDecimal("amount", MAX_AMOUNT, 4),
                future.check("occurredAt", fields.requiredInstant("occurredAt")));
    }

    /** A kam.account-tiers.v1 record (tier-changed.v1.schema.json). */
    public static TierChange tierChange(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new TierChange(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64),
                tier(fields, "from"),
                tier(fields, "to"),
                fields.requiredInstant("asOf"),
                fields.optionalPositiveLong("sequence", 0));
    }

    /** A kam.reservations.v1 record (reservation-changed.v1.schema.json). */
    public static ReservationChange reservationChange(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new ReservationChange(
                fields.requiredUuid("eventId"),
                fields.requiredText("accountId"),
                fields.requiredText("sku"),
                // Absent in records from before supply-service protected POTENTIAL accounts too:
                // then every protection was a KEY account's.
                fields.optionalText("tier", null) == null ? Tier.KEY : tier(fields, "tier"),
                units(fields, "requested"),
                units(fields, "reserved"),
                units(fields, "shortage"),
                fields.requiredText("cause"));
    }

    /**
     * A kam.supply-signals.v1 record of type {@code eventType} (its {@code kam-event-type} header),
     * by the contract of that type; empty for a type insight-service does not know, which a newer
     * supply-service may publish and which is none of insight's business yet. A record without the
     * header cannot be told apart and is invalid.
     */
    public static Optional<SupplySignal> supplySignal(String eventType, byte[] json) {
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidEventException("kam-event-type", "header is required on kam.supply-signals.v1");
        }
        return Optional.ofNullable(switch (eventType) {
            case "KeyAccountStockOut" -> stockOut(JsonFields.parse(json));
            case "ShortageRisk" -> shortageRisk(JsonFields.parse(json));
            case "ProductionRequested" -> productionRequest(JsonFields.parse(json));
            case "TransportRequested" -> transportRequest(JsonFields.parse(json));
            case "ShortageRiskCleared" -> shortageRiskCleared(JsonFields.parse(json));
            default -> null;
        });
    }

    /** key-account-stock-out.v1.schema.json */
    private static SupplySignal.StockOut stockOut(JsonFields fields) {
        return new SupplySignal.StockOut(
                fields.requiredUuid("eventId"),
                fields.requiredText("sku"),
                fields.requiredText("accountId"),
                fields.positiveInt("ordered"),
                fields.nonNegativeInt("served"),
                fields.positiveInt("backordered"),
                fields.requiredText("cause"));
    }

    /** shortage-risk.v1.schema.json */
    private static SupplySignal.ShortageRisk shortageRisk(JsonFields fields) {
        return new SupplySignal.ShortageRisk(
                fields.requiredUuid("eventId"),
                fields.requiredText("sku"),
                fields.positiveInt("shortfall"),
                date(fields, "firstShortWeek"));
    }

    /** production-requested.v1.schema.json; {@code late} is not read: {@code daysLate} &gt; 0 says the same. */
    private static SupplySignal.ProductionRequest productionRequest(JsonFields fields) {
        return new SupplySignal.ProductionRequest(
                fields.requiredUuid("eventId"),
                fields.requiredText("sku"),
                fields.positiveInt("quantity"),
                date(fields, "neededBy"),
                date(fields, "latestStart"),
                fields.nonNegativeInt("daysLate"));
    }

    /** transport-requested.v1.schema.json */
    private static SupplySignal.TransportRequest transportRequest(JsonFields fields) {
        return new SupplySignal.TransportRequest(
                fields.requiredUuid("eventId"),
                fields.requiredText("sku"),
                fields.positiveInt("quantity"),
                date(fields, "neededBy"),
                date(fields, "shipBy"));
    }

    /** shortage-risk-cleared.v1.schema.json */
    private static SupplySignal.ShortageRiskCleared shortageRiskCleared(JsonFields fields) {
        return new SupplySignal.ShortageRiskCleared(
                fields.requiredUuid("eventId"),
                fields.requiredText("sku"),
                fields.positiveInt("previousShortfall"));
    }

    /** A kam.products.v1 record (product-details-changed.v1.schema.json). */
    public static ProductDetails productDetails(byte[] json) {
        JsonFields fields = JsonFields.parse(json);
        return new ProductDetails(
                fields.requiredUuid("eventId"),
                fields.requiredText("sku", 64),
                fields.requiredText("name", 200),
                fields.optionalText("productLine", 100),
                fields.requiredBoolean("technical"));
    }

    /**
     * A kam.relationship-signals.v1 record of type {@code eventType}, by the contract of that type;
     * empty for a type insight-service does not read (ContactAdded, or one added later).
     */
    public static Optional<RelationshipSignal> relationshipSignal(String eventType, byte[] json) {
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidEventException("kam-event-type", "header is required on kam.relationship-signals.v1");
        }
        return Optional.ofNullable(switch (eventType) {
            case "CoverageGap" -> coverageGap(JsonFields.parse(json));
            case "CoverageRestored" -> coverageRestored(JsonFields.parse(json));
            case "KeyDateUpcoming" -> keyDateUpcoming(JsonFields.parse(json));
            case "Escalated" -> escalated(JsonFields.parse(json));
            case "VisitOverdue" -> visitOverdue(JsonFields.parse(json));
            case "TrainingNeeded" -> trainingNeeded(JsonFields.parse(json));
            default -> null;
        });
    }

    /** coverage-gap.v1.schema.json */
    private static RelationshipSignal.CoverageGap coverageGap(JsonFields fields) {
        return new RelationshipSignal.CoverageGap(fields.requiredUuid("eventId"), fields.requiredText("accountId", 64),
                tier(fields, "tier"), fields.requiredText("requirement", 200));
    }

    /** coverage-restored.v1.schema.json */
    private static RelationshipSignal.CoverageRestored coverageRestored(JsonFields fields) {
        return new RelationshipSignal.CoverageRestored(fields.requiredUuid("eventId"),
                fields.requiredText("accountId", 64), tier(fields, "tier"), fields.requiredText("requirement", 200),
                oneOf(fields, "cause", Set.of("MET", "NO_LONGER_REQUIRED")));
    }

    /** key-date-upcoming.v1.schema.json */
    private static RelationshipSignal.KeyDateUpcoming keyDateUpcoming(JsonFields fields) {
        return new RelationshipSignal.KeyDateUpcoming(fields.requiredUuid("eventId"), fields.requiredText("accountId", 64),
                fields.requiredUuid("alertId"), fields.requiredText("title", 300), date(fields, "occursOn"));
    }

    /** escalated.v1.schema.json */
    private static RelationshipSignal.Escalated escalated(JsonFields fields) {
        return new RelationshipSignal.Escalated(fields.requiredUuid("eventId"), fields.requiredText("accountId", 64),
                fields.requiredUuid("alertId"), fields.requiredText("title", 300), date(fields, "occursOn"),
                fields.positiveInt("level"));
    }

    /** visit-overdue.v1.schema.json */
    private static RelationshipSignal.VisitOverdue visitOverdue(JsonFields fields) {
        return new RelationshipSignal.VisitOverdue(fields.requiredUuid("eventId"), fields.requiredText("accountId", 64),
                oneOf(fields, "kind", Set.of("EXECUTIVE", "OWNER")), date(fields, "dueOn"));
    }

    /** training-needed.v1.schema.json */
    private static RelationshipSignal.TrainingNeeded trainingNeeded(JsonFields fields) {
        return new RelationshipSignal.TrainingNeeded(fields.requiredUuid("eventId"), fields.requiredText("accountId", 64),
                tier(fields, "tier"), fields.requiredText("productLine", 100));
    }

    private static String oneOf(JsonFields fields, String field, Set<String> allowed) {
        String text = fields.requiredText(field);
        if (!allowed.contains(text)) {
            throw new InvalidEventException(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))
                    + ", was '" + text + "'");
        }
        return text;
    }

    private static LocalDate date(JsonFields fields, String field) {
        String text = fields.requiredText(field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field, "must be an ISO-8601 date such as 2026-03-02, was '" + text + "'");
        }
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
