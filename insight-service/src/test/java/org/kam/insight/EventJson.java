package org.kam.insight;

import static org.kam.testsupport.JsonRecord.quote;

import java.util.UUID;

import org.kam.testsupport.EventBuilder;

/**
 * Test-data builder for the JSON records insight-service consumes, each valid by its contract and
 * with a fresh event id; values are raw JSON so tests can also write wrong ones.
 */
public final class EventJson extends EventBuilder<EventJson> {

    /** The accounts at risk of the supply signals' peak-season plan. */
    private static final String ACCOUNTS_AT_RISK = "[{\"accountId\":\"C-1\",\"tier\":\"KEY\",\"units\":100},"
            + "{\"accountId\":\"C-2\",\"tier\":\"POTENTIAL\",\"units\":60}]";

    private String type;

    private EventJson() {
    }

    /** A kam.sales.v1 record: 3 × SKU-1 for 120.10 EUR on 2026-03-01. */
    public static EventJson sale(String accountId) {
        return withFreshId()
                .withRaw("accountId", quote(accountId))
                .withRaw("orderId", quote("O-1"))
                .withRaw("sku", quote("SKU-1"))
                .withRaw("quantity", "3")
                .withRaw("amount", "120.10")
                .withRaw("currency", quote("EUR"))
                .withRaw("occurredAt", quote("2026-03-01T10:15:30Z"));
    }

    /** A kam.account-tiers.v1 record, as of 2026-03-02T09:00:00Z. */
    public static EventJson tierChanged(String accountId, String from, String to) {
        return withFreshId()
                .withRaw("occurredAt", quote("2026-03-02T09:00:01Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("from", quote(from))
                .withRaw("to", quote(to))
                .withRaw("asOf", quote("2026-03-02T09:00:00Z"))
                .withRaw("cause", quote("SALE"))
                .withRaw("causeEventId", quote(UUID.randomUUID().toString()));
    }

    /** A kam.reservations.v1 record for SKU-1 of a KEY account. */
    public static EventJson reservationChanged(String accountId, int requested, int reserved, int shortage) {
        return withFreshId()
                .withRaw("occurredAt", quote("2026-03-02T09:00:02Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("sku", quote("SKU-1"))
                .withRaw("tier", quote("KEY"))
                .withRaw("requested", String.valueOf(requested))
                .withRaw("reserved", String.valueOf(reserved))
                .withRaw("shortage", String.valueOf(shortage))
                .withRaw("cause", quote("TIER_CHANGED"));
    }

    /**
     * A kam.supply-signals.v1 {@code KeyAccountStockOut}: of 20 units ordered, 8 served and 12
     * backordered, the stock on hand being protected for others.
     */
    public static EventJson keyAccountStockOut(String accountId, String sku) {
        return withFreshId().ofType("KeyAccountStockOut")
                .withRaw("occurredAt", quote("2026-10-01T08:00:00Z"))
                .withRaw("sku", quote(sku))
                .withRaw("accountId", quote(accountId))
                .withRaw("orderId", quote(UUID.randomUUID().toString()))
                .withRaw("ordered", "20")
                .withRaw("served", "8")
                .withRaw("backordered", "12")
                .withRaw("cause", quote("STOCK_PROTECTED_FOR_OTHERS"))
                .withRaw("onHand", "30")
                .withRaw("protectedForAccount", "8")
                .withRaw("protectedForOthers", "22");
    }

    /** A kam.supply-signals.v1 {@code ShortageRisk}: 120 units short from the week of Monday 2026-11-02. */
    public static EventJson shortageRisk(String sku) {
        return withFreshId().ofType("ShortageRisk")
                .withRaw("occurredAt", quote("2026-08-01T06:00:00Z"))
                .withRaw("sku", quote(sku))
                .withRaw("shortfall", "120")
                .withRaw("firstShortWeek", quote("2026-11-02"))
                .withRaw("peakWeek", quote("2026-11-16"))
                .withRaw("peakWeekDemand", "60")
                .withRaw("projectedStock", "40")
                .withRaw("accountsAtRisk", ACCOUNTS_AT_RISK);
    }

    /**
     * A kam.supply-signals.v1 {@code ProductionRequested} of that plan: 120 units needed by
     * 2026-11-02, production to start by 2026-09-07 (14 days of transport and 42 of production
     * before), not late.
     */
    public static EventJson productionRequested(String sku) {
        return withFreshId().ofType("ProductionRequested")
                .withRaw("occurredAt", quote("2026-08-01T06:00:00Z"))
                .withRaw("sku", quote(sku))
                .withRaw("quantity", "120")
                .withRaw("neededBy", quote("2026-11-02"))
                .withRaw("latestStart", quote("2026-09-07"))
                .withRaw("late", "false")
                .withRaw("daysLate", "0")
                .withRaw("accountsAtRisk", ACCOUNTS_AT_RISK);
    }

    /** A kam.supply-signals.v1 {@code TransportRequested} of that plan: 120 units to ship by 2026-10-19. */
    public static EventJson transportRequested(String sku) {
        return withFreshId().ofType("TransportRequested")
                .withRaw("occurredAt", quote("2026-08-01T06:00:00Z"))
                .withRaw("sku", quote(sku))
                .withRaw("quantity", "120")
                .withRaw("neededBy", quote("2026-11-02"))
                .withRaw("shipBy", quote("2026-10-19"))
                .withRaw("late", "false")
                .withRaw("accountsAtRisk", ACCOUNTS_AT_RISK);
    }

    /** A kam.supply-signals.v1 {@code ShortageRiskCleared} withdrawing that plan of 120 units. */
    public static EventJson shortageRiskCleared(String sku) {
        return withFreshId().ofType("ShortageRiskCleared")
                .withRaw("occurredAt", quote("2026-08-02T06:00:00Z"))
                .withRaw("sku", quote(sku))
                .withRaw("previousShortfall", "120");
    }

    /** A kam.relationship-signals.v1 {@code CoverageGap}: the KEY account has no warehouse keeper among its contacts. */
    public static EventJson coverageGap(String accountId) {
        return withFreshId().ofType("CoverageGap")
                .withRaw("occurredAt", quote("2026-11-30T08:00:00Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("tier", quote("KEY"))
                .withRaw("requirement", quote("WAREHOUSE_KEEPER"));
    }

    /** A kam.relationship-signals.v1 {@code CoverageRestored} of that gap: met. */
    public static EventJson coverageRestored(String accountId) {
        return withFreshId().ofType("CoverageRestored")
                .withRaw("occurredAt", quote("2026-12-01T08:00:00Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("tier", quote("KEY"))
                .withRaw("requirement", quote("WAREHOUSE_KEEPER"))
                .withRaw("cause", quote("MET"));
    }

    /** A kam.relationship-signals.v1 {@code KeyDateUpcoming}: the account's 10th anniversary on {@code occursOn}. */
    public static EventJson keyDateUpcoming(String accountId, String alertId, String occursOn) {
        return withFreshId().ofType("KeyDateUpcoming")
                .withRaw("occurredAt", quote("2026-12-01T08:00:00Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("alertId", quote(alertId))
                .withRaw("keyDateId", quote(UUID.randomUUID().toString()))
                .withRaw("kind", quote("ANNIVERSARY"))
                .withRaw("title", quote("10 years as our customer"))
                .withRaw("occursOn", quote(occursOn))
                .withRaw("staffId", quote("kam-anna"))
                .withRaw("respondBy", quote("2026-12-03T08:00:00Z"));
    }

    /** A kam.relationship-signals.v1 {@code Escalated} of that alert, to level 2 (the lead's director). */
    public static EventJson escalated(String accountId, String alertId, String occursOn) {
        return withFreshId().ofType("Escalated")
                .withRaw("occurredAt", quote("2026-12-03T08:00:00Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("alertId", quote(alertId))
                .withRaw("keyDateId", quote(UUID.randomUUID().toString()))
                .withRaw("kind", quote("ANNIVERSARY"))
                .withRaw("title", quote("10 years as our customer"))
                .withRaw("occursOn", quote(occursOn))
                .withRaw("fromStaffId", quote("lead-ines"))
                .withRaw("toStaffId", quote("dir-kam-rui"))
                .withRaw("level", "2")
                .withRaw("respondBy", quote("2026-12-05T08:00:00Z"));
    }

    /** A kam.products.v1 {@code ProductDetailsChanged}: a technical product of {@code productLine}. */
    public static EventJson productDetails(String sku, String productLine) {
        return withFreshId().ofType("ProductDetailsChanged")
                .withRaw("occurredAt", quote("2026-11-01T08:00:00Z"))
                .withRaw("sku", quote(sku))
                .withRaw("name", quote("Air-to-water heat pump 12 kW"))
                .withRaw("productLine", quote(productLine))
                .withRaw("technical", "true");
    }

    private EventJson ofType(String eventType) {
        this.type = eventType;
        return this;
    }

    /** The event type, as the kam-event-type header carries it; null for the single-type topics' records. */
    public String type() {
        return type;
    }

    private static EventJson withFreshId() {
        return new EventJson().withRaw("eventId", quote(UUID.randomUUID().toString()));
    }
}
