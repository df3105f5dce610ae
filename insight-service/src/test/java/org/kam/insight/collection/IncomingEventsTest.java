package org.kam.insight.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.insight.EventJson;

class IncomingEventsTest {

    /** Now is 2026-06-01; sales may be dated up to a day ahead. */
    static final org.kam.chassis.messaging.FutureLimit FUTURE = new org.kam.chassis.messaging.FutureLimit(
            java.time.Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC),
            java.time.Duration.ofHours(24));

    @Test
    void aSaleDatedBeyondTheFutureToleranceIsRejectedNamingOccurredAt() {
        EventJson json = EventJson.sale("C-1").withRaw("occurredAt", "\"2999-01-01T00:00:00Z\"");

        assertThatThrownBy(() -> IncomingEvents.sale(json.bytes(), FUTURE))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("occurredAt: is in the future: 2999-01-01T00:00:00Z is after 2026-06-02T00:00:00Z"
                        + " (now plus the tolerance of PT24H)");
    }

    @Test
    void readsTheFieldsOfASaleItUses() {
        EventJson json = EventJson.sale("C-1");

        Sale sale = IncomingEvents.sale(json.bytes(), FUTURE);

        assertThat(sale).isEqualTo(new Sale(UUID.fromString(json.eventId()), "C-1", "SKU-1", 3,
                new BigDecimal("120.10"), Instant.parse("2026-03-01T10:15:30Z")));
    }

    @Test
    void readsTheFieldsOfATierChangeItUses() {
        EventJson json = EventJson.tierChanged("C-2", "REGULAR", "KEY");

        TierChange change = IncomingEvents.tierChange(json.bytes());

        assertThat(change).isEqualTo(new TierChange(UUID.fromString(json.eventId()), "C-2", Tier.REGULAR, Tier.KEY,
                Instant.parse("2026-03-02T09:00:00Z")));
    }

    @Test
    void readsTheFieldsOfAReservationChangeItUses() {
        EventJson json = EventJson.reservationChanged("C-3", 10, 4, 6);

        ReservationChange change = IncomingEvents.reservationChange(json.bytes());

        assertThat(change).isEqualTo(new ReservationChange(UUID.fromString(json.eventId()), "C-3", "SKU-1", Tier.KEY,
                10, 4, 6, "TIER_CHANGED"));
    }

    @Test
    void readsTheTierAReservationWasSizedFor() {
        byte[] json = EventJson.reservationChanged("C-3", 5, 5, 0).with("tier", "POTENTIAL").bytes();

        assertThat(IncomingEvents.reservationChange(json).tier()).isEqualTo(Tier.POTENTIAL);
    }

    @Test
    void takesAReservationWithoutATierAsAKeyAccountsLikeBeforeTiersWereSent() {
        byte[] json = EventJson.reservationChanged("C-3", 5, 5, 0).without("tier").bytes();

        assertThat(IncomingEvents.reservationChange(json).tier()).isEqualTo(Tier.KEY);
    }

    @Test
    void readsTheFieldsOfAKeyAccountStockOutItUses() {
        EventJson json = EventJson.keyAccountStockOut("C-5", "BOLT-M8");

        assertThat(IncomingEvents.supplySignal("KeyAccountStockOut", json.bytes())).contains(new SupplySignal.StockOut(
                UUID.fromString(json.eventId()), "BOLT-M8", "C-5", 20, 8, 12, "STOCK_PROTECTED_FOR_OTHERS"));
    }

    @Test
    void readsTheFieldsOfAShortageRiskItUses() {
        EventJson json = EventJson.shortageRisk("BOLT-M8");

        assertThat(IncomingEvents.supplySignal("ShortageRisk", json.bytes())).contains(new SupplySignal.ShortageRisk(
                UUID.fromString(json.eventId()), "BOLT-M8", 120, LocalDate.parse("2026-11-02")));
    }

    @Test
    void readsTheFieldsOfAProductionRequestItUses() {
        EventJson json = EventJson.productionRequested("BOLT-M8").withRaw("late", "true").withRaw("daysLate", "3");

        assertThat(IncomingEvents.supplySignal("ProductionRequested", json.bytes())).contains(
                new SupplySignal.ProductionRequest(UUID.fromString(json.eventId()), "BOLT-M8", 120,
                        LocalDate.parse("2026-11-02"), LocalDate.parse("2026-09-07"), 3));
    }

    @Test
    void readsTheFieldsOfATransportRequestItUses() {
        EventJson json = EventJson.transportRequested("BOLT-M8");

        assertThat(IncomingEvents.supplySignal("TransportRequested", json.bytes())).contains(
                new SupplySignal.TransportRequest(UUID.fromString(json.eventId()), "BOLT-M8", 120,
                        LocalDate.parse("2026-11-02"), LocalDate.parse("2026-10-19")));
    }

    @Test
    void readsTheFieldsOfAClearedShortageRiskItUses() {
        EventJson json = EventJson.shortageRiskCleared("BOLT-M8");

        assertThat(IncomingEvents.supplySignal("ShortageRiskCleared", json.bytes())).contains(
                new SupplySignal.ShortageRiskCleared(UUID.fromString(json.eventId()), "BOLT-M8", 120));
    }

    @Test
    void readsNothingOfASupplySignalTypeItDoesNotKnowNotEvenWhetherItIsJson() {
        assertThat(IncomingEvents.supplySignal("StockForecastPublished", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void rejectsASupplySignalWithoutItsEventTypeHeader() {
        byte[] json = EventJson.shortageRisk("BOLT-M8").bytes();

        for (String missing : new String[] { null, "" }) {
            assertThatThrownBy(() -> IncomingEvents.supplySignal(missing, json))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("kam-event-type: header is required on kam.supply-signals.v1"));
        }
    }

    @Test
    void ignoresFieldsItDoesNotUse() {
        byte[] json = EventJson.reservationChanged("C-4", 1, 1, 0).withRaw("warehouse", "{\"id\":7}")
                .without("occurredAt").without("tier").bytes();

        assertThat(IncomingEvents.reservationChange(json).reserved()).isEqualTo(1);
    }

    @Test
    void ignoresSupplySignalFieldsItDoesNotUse() {
        byte[] stockOut = EventJson.keyAccountStockOut("C-4", "SKU-1").without("orderId").without("onHand")
                .withRaw("cause", "\"A_CAUSE_ADDED_LATER\"").withRaw("warehouse", "{\"id\":7}").bytes();
        byte[] production = EventJson.productionRequested("SKU-1").without("late").without("accountsAtRisk").bytes();

        assertThat(IncomingEvents.supplySignal("KeyAccountStockOut", stockOut)).get()
                .extracting(signal -> ((SupplySignal.StockOut) signal).cause()).isEqualTo("A_CAUSE_ADDED_LATER");
        assertThat(IncomingEvents.supplySignal("ProductionRequested", production)).get()
                .extracting(SupplySignal::sku).isEqualTo("SKU-1");
    }

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "sale        | quantity   | 0          | quantity: must be greater than 0, was 0",
            "sale        | amount     | -1         | amount: must be 0 or more, was -1",
            "sale        | occurredAt | \"today\"  | occurredAt: must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was 'today'",
            "sale        | eventId    | \"42\"     | eventId: must be a UUID, was '42'",
            "tier        | to         | \"GOLD\"   | to: must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'",
            "tier        | from       | 1          | from: must be a non-empty string",
            "tier        | asOf       | \"later\"  | asOf: must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was 'later'",
            "reservation | shortage   | -2         | shortage: must be 0 or more, was -2",
            "reservation | reserved   | 1.5        | reserved: must be an integer, was 1.5",
            "reservation | requested  | \"ten\"    | requested: must be a number",
            "reservation | sku        | \"\"       | sku: must be a non-empty string",
            "reservation | tier       | \"GOLD\"   | tier: must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'",
            "stockOut    | backordered | 0         | backordered: must be greater than 0, was 0",
            "stockOut    | served     | -1         | served: must be 0 or more, was -1",
            "stockOut    | accountId  | 7          | accountId: must be a non-empty string",
            "risk        | firstShortWeek | \"soon\" | firstShortWeek: must be an ISO-8601 date such as 2026-03-02, was 'soon'",
            "risk        | shortfall  | 2.5        | shortfall: must be an integer",
            "production  | latestStart | \"2026-13-01\" | latestStart: must be an ISO-8601 date such as 2026-03-02, was '2026-13-01'",
            "production  | daysLate   | -1         | daysLate: must be 0 or more, was -1",
            "transport   | shipBy     | \"2026-10-19T00:00:00Z\" | shipBy: must be an ISO-8601 date such as 2026-03-02, was '2026-10-19T00:00:00Z'",
            "transport   | quantity   | 0          | quantity: must be greater than 0, was 0",
            "cleared     | previousShortfall | 0   | previousShortfall: must be greater than 0, was 0",
            "cleared     | eventId    | \"x\"      | eventId: must be a UUID, was 'x'" })
    void rejectsABadFieldNamingIt(String type, String field, String rawValue, String message) {
        byte[] json = valid(type).withRaw(field, rawValue).bytes();

        assertThatThrownBy(() -> reader(type).apply(json))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void rejectsAMissingFieldItUses() {
        String[][] required = {
                { "sale", "eventId", "accountId", "sku", "quantity", "amount", "occurredAt" },
                { "tier", "eventId", "accountId", "from", "to", "asOf" },
                { "reservation", "eventId", "accountId", "sku", "requested", "reserved", "shortage", "cause" },
                { "stockOut", "eventId", "sku", "accountId", "ordered", "served", "backordered", "cause" },
                { "risk", "eventId", "sku", "shortfall", "firstShortWeek" },
                { "production", "eventId", "sku", "quantity", "neededBy", "latestStart", "daysLate" },
                { "transport", "eventId", "sku", "quantity", "neededBy", "shipBy" },
                { "cleared", "eventId", "sku", "previousShortfall" } };
        for (String[] fields : required) {
            String type = fields[0];
            for (int i = 1; i < fields.length; i++) {
                byte[] json = valid(type).without(fields[i]).bytes();
                String field = fields[i];
                assertThatThrownBy(() -> reader(type).apply(json)).as("%s without %s", type, field)
                        .isInstanceOfSatisfying(InvalidEventException.class,
                                e -> assertThat(e.getMessage()).isEqualTo(field + ": is required"));
            }
        }
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        byte[] json = "{not json".getBytes(StandardCharsets.UTF_8);

        for (String type : new String[] { "sale", "tier", "reservation", "stockOut", "risk", "production",
                "transport", "cleared" }) {
            assertThatThrownBy(() -> reader(type).apply(json))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("$"));
        }
    }

    private static EventJson valid(String type) {
        return switch (type) {
            case "sale" -> EventJson.sale("C-9");
            case "tier" -> EventJson.tierChanged("C-9", "REGULAR", "KEY");
            case "reservation" -> EventJson.reservationChanged("C-9", 10, 4, 6);
            case "stockOut" -> EventJson.keyAccountStockOut("C-9", "SKU-1");
            case "risk" -> EventJson.shortageRisk("SKU-1");
            case "production" -> EventJson.productionRequested("SKU-1");
            case "transport" -> EventJson.transportRequested("SKU-1");
            default -> EventJson.shortageRiskCleared("SKU-1");
        };
    }

    private static Function<byte[], Object> reader(String type) {
        return switch (type) {
            case "sale" -> json -> IncomingEvents.sale(json, FUTURE);
            case "tier" -> IncomingEvents::tierChange;
            case "reservation" -> IncomingEvents::reservationChange;
            default -> json -> IncomingEvents.supplySignal(valid(type).type(), json).orElseThrow();
        };
    }
}
