package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.supply.EventJson;

class EventReadersTest {

    /** Now is 2026-06-01; sales may be dated up to a day ahead. */
    static final org.kam.chassis.messaging.FutureLimit FUTURE = new org.kam.chassis.messaging.FutureLimit(
            java.time.Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC),
            java.time.Duration.ofHours(24));

    private final SaleReader sales = new SaleReader(FUTURE);
    private final TierChangeReader tiers = new TierChangeReader();

    @Test
    void readsTheSaleFieldsSupplyNeedsAndIgnoresTheRest() {
        EventJson json = EventJson.sale("C-1", "SKU-1", 3, "2026-03-01T10:15:30Z")
                .withRaw("amount", "\"not read by supply\"").withRaw("somethingNew", "{\"x\":1}");

        SaleLine sale = sales.read(json.bytes());

        assertThat(sale).isEqualTo(new SaleLine(UUID.fromString(json.eventId()), "C-1", "SKU-1", 3,
                Instant.parse("2026-03-01T10:15:30Z")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "quantity=0               | quantity   | must be greater than 0, was 0",
            "quantity=\"x\"           | quantity   | must be an integer",
            "occurredAt=\"yesterday\" | occurredAt | must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was 'yesterday'",
            "eventId=\"42\"           | eventId    | must be a UUID, was '42'",
            "sku=\"\"                 | sku        | must be a non-empty string",
            "accountId=7              | accountId  | must be a non-empty string",
            "occurredAt=\"2999-01-01T00:00:00Z\" | occurredAt | is in the future: 2999-01-01T00:00:00Z is after 2026-06-02T00:00:00Z (now plus the tolerance of PT24H)" })
    void rejectsABadSaleFieldNamingIt(String change, String field, String problem) {
        String[] parts = change.split("=", 2);
        byte[] json = EventJson.sale("C-1", "SKU-1", 3, "2026-03-01T10:15:30Z")
                .withRaw(parts[0].trim(), parts[1].trim()).bytes();

        assertThatThrownBy(() -> sales.read(json)).isInstanceOfSatisfying(InvalidEventException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "eventId", "accountId", "sku", "quantity", "occurredAt" })
    void rejectsASaleWithoutAFieldSupplyNeeds(String field) {
        byte[] json = EventJson.sale("C-1", "SKU-1", 3, "2026-03-01T10:15:30Z").without(field).bytes();

        assertThatThrownBy(() -> sales.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.getMessage()).isEqualTo(field + ": is required"));
    }

    @Test
    void readsTheTierChangeFieldsSupplyNeeds() {
        EventJson json = EventJson.tierChange("C-1", "REGULAR", "KEY", "2026-03-01T10:15:30Z");

        TierChange change = tiers.read(json.bytes());

        assertThat(change).isEqualTo(new TierChange(UUID.fromString(json.eventId()), "C-1", Tier.KEY,
                Instant.parse("2026-03-01T10:15:30Z")));
    }

    @Test
    void rejectsATierThatDoesNotExist() {
        byte[] json = EventJson.tierChange("C-1", "REGULAR", "GOLD", "2026-03-01T10:15:30Z").bytes();

        assertThatThrownBy(() -> tiers.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.getMessage()).isEqualTo("to: must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "eventId", "accountId", "to", "asOf" })
    void rejectsATierChangeWithoutAFieldSupplyNeeds(String field) {
        byte[] json = EventJson.tierChange("C-1", "REGULAR", "KEY", "2026-03-01T10:15:30Z").without(field).bytes();

        assertThatThrownBy(() -> tiers.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.getMessage()).isEqualTo(field + ": is required"));
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        byte[] json = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> sales.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.field()).isEqualTo("$"));
        assertThatThrownBy(() -> tiers.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.field()).isEqualTo("$"));
    }
}
