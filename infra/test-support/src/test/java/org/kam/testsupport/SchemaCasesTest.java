package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SchemaCasesTest {

    private static final String SALE = """
            {"eventId":"6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e","accountId":"C-1","orderId":"O-1","sku":"SKU-1",
             "quantity":3,"amount":120.10,"currency":"EUR","occurredAt":"2026-03-01T10:15:30Z"}""";

    @Test
    void derivesRecordsJustInsideAndJustOutsideEveryBoundOfAField() {
        var cases = SchemaCases.derive("sale.v1.schema.json", SALE, Set.of("quantity", "sku"));

        assertThat(cases).extracting(c -> c.field() + " " + c.description() + " " + c.schemaAccepts())
                .contains("quantity left out false", "quantity at its minimum true", "quantity below its minimum false",
                        "quantity at its maximum true", "quantity above its maximum false", "quantity a fraction false",
                        "sku at its maximum length true", "sku longer than its maximum length false",
                        "sku shorter than its minimum length false", "sku a number instead of a string false");
    }

    @Test
    void aReaderThatAcceptsWhatTheSchemaRejectsIsCaught() {
        assertThatThrownBy(() -> SchemaCases.assertReaderAgrees("sale.v1.schema.json", SALE, Set.of("sku"), json -> {
        })).isInstanceOf(AssertionError.class).hasMessageContaining("sku longer than its maximum length: the schema rejects it");
    }

    @Test
    void aReaderThatRejectsWithoutNamingTheFieldIsCaught() {
        assertThatThrownBy(() -> SchemaCases.assertReaderAgrees("sale.v1.schema.json", SALE, Set.of("quantity"), json -> {
            if (!EventContracts.violations("sale.v1.schema.json", new String(json)).isEmpty()) {
                throw new IllegalArgumentException("bad record");
            }
        })).isInstanceOf(AssertionError.class).hasMessageContaining("rejected without naming the field");
    }

    @Test
    void aReaderThatJudgesAsTheSchemaDoesPasses() {
        var cases = SchemaCases.assertReaderAgrees("sale.v1.schema.json", SALE, Set.of("quantity", "amount"), json -> {
            var violations = EventContracts.violations("sale.v1.schema.json", new String(json));
            if (!violations.isEmpty()) {
                String field = violations.get(0).contains("quantity") ? "quantity" : "amount";
                throw new IllegalArgumentException(field + ": " + violations.get(0));
            }
        });

        assertThat(cases).hasSizeGreaterThan(15);
    }
}
