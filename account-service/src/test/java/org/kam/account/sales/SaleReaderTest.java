package org.kam.account.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.chassis.messaging.InvalidEventException;

class SaleReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final SaleReader reader = new SaleReader("EUR", Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24));

    @Test
    void readsEveryFieldOfAValidSaleAndDefaultsTheCurrency() {
        Sale sale = reader.read(SaleJson.valid().without("currency").bytes());

        assertThat(sale).isEqualTo(new Sale(UUID.fromString(SaleJson.EVENT_ID), "C-1", "O-1", "SKU-1", 3,
                new BigDecimal("120.10"), "EUR", Instant.parse("2026-03-01T10:15:30Z")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "quantity=0          | quantity   | must be greater than 0, was 0",
            "quantity=-2         | quantity   | must be greater than 0, was -2",
            "quantity=\"x\"      | quantity   | must be an integer",
            "quantity=1.5        | quantity   | must be an integer",
            "amount=-0.01        | amount     | must be 0 or more, was -0.01",
            "amount=\"ten\"      | amount     | must be a number",
            "occurredAt=\"yesterday\" | occurredAt | must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was 'yesterday'",
            "eventId=\"42\"      | eventId    | must be a UUID, was '42'",
            "accountId=\"\"      | accountId  | must be a non-empty string",
            "currency=\"eur\"    | currency   | must be an ISO 4217 code such as EUR, was 'eur'",
            "currency=\"USD\"    | currency   | amounts must be in the base currency EUR, was USD",
            "amount=1.00001      | amount     | must have at most 4 decimal places, was 1.00001",
            "occurredAt=\"2026-11-28T12:00:01Z\" | occurredAt | is in the future: 2026-11-28T12:00:01Z is after 2026-11-28T12:00:00Z (now plus the tolerance of PT24H)" })
    void rejectsABadFieldNamingIt(String change, String field, String problem) {
        String[] parts = change.split("=", 2);
        byte[] json = SaleJson.valid().withRaw(parts[0].trim(), parts[1].trim()).bytes();

        assertThatThrownBy(() -> reader.read(json))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    @Test
    void rejectsAMissingRequiredField() {
        for (String field : new String[] { "eventId", "accountId", "orderId", "sku", "quantity", "amount", "occurredAt" }) {
            byte[] json = SaleJson.valid().without(field).bytes();
            assertThatThrownBy(() -> reader.read(json)).isInstanceOfSatisfying(InvalidEventException.class,
                    e -> assertThat(e.getMessage()).isEqualTo(field + ": is required"));
        }
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        assertThatThrownBy(() -> reader.read("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("$"));
    }

    @Test
    void acceptsASaleDatedWithinTheFutureTolerance() {
        Sale sale = reader.read(SaleJson.valid().withRaw("occurredAt", "\"2026-11-28T12:00:00Z\"").bytes());

        assertThat(sale.occurredAt()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @Test
    void keepsTheExactDecimalAmount() {
        Sale sale = reader.read(SaleJson.valid().withRaw("amount", "0.1").bytes());

        assertThat(sale.amount()).isEqualByComparingTo("0.1");
    }
}
