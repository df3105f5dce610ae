package org.kam.insight.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.insight.EventJson;

class IncomingEventsTest {

    @Test
    void readsTheFieldsOfASaleItUses() {
        EventJson json = EventJson.sale("C-1");

        Sale sale = IncomingEvents.sale(json.bytes());

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

        assertThat(change).isEqualTo(new ReservationChange(UUID.fromString(json.eventId()), "C-3", "SKU-1", 10, 4, 6,
                "TIER_CHANGED"));
    }

    @Test
    void ignoresFieldsItDoesNotUse() {
        byte[] json = EventJson.reservationChanged("C-4", 1, 1, 0).withRaw("warehouse", "{\"id\":7}")
                .without("occurredAt").without("tier").bytes();

        assertThat(IncomingEvents.reservationChange(json).reserved()).isEqualTo(1);
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
            "reservation | sku        | \"\"       | sku: must be a non-empty string" })
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
                { "reservation", "eventId", "accountId", "sku", "requested", "reserved", "shortage", "cause" } };
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

        for (String type : new String[] { "sale", "tier", "reservation" }) {
            assertThatThrownBy(() -> reader(type).apply(json))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("$"));
        }
    }

    private static EventJson valid(String type) {
        return switch (type) {
            case "sale" -> EventJson.sale("C-9");
            case "tier" -> EventJson.tierChanged("C-9", "REGULAR", "KEY");
            default -> EventJson.reservationChanged("C-9", 10, 4, 6);
        };
    }

    private static Function<byte[], Object> reader(String type) {
        return switch (type) {
            case "sale" -> IncomingEvents::sale;
            case "tier" -> IncomingEvents::tierChange;
            default -> IncomingEvents::reservationChange;
        };
    }
}
