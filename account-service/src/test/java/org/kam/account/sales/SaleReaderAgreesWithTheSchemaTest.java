package org.kam.account.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.SchemaCases;

/** The reader of kam.sales.v1 accepts and rejects exactly what sale.v1.schema.json does. */
class SaleReaderAgreesWithTheSchemaTest {

    private final SaleReader reader = new SaleReader("EUR", Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"),
            ZoneOffset.UTC), Duration.ofHours(24));

    @Test
    void everyRecordDerivedFromTheSchemaIsJudgedAsTheSchemaJudgesIt() {
        var cases = SchemaCases.assertReaderAgrees("sale.v1.schema.json", SaleJson.valid().json(),
                Set.of("eventId", "accountId", "orderId", "sku", "quantity", "amount", "currency", "occurredAt"),
                reader::read);

        assertThat(cases).hasSizeGreaterThan(40);
    }
}
