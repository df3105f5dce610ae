package org.kam.supply.reservation;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kam.supply.EventJson;
import org.kam.testsupport.SchemaCases;

/** supply's readers accept and reject exactly what the contracts do, for the fields they read. */
class ReadersAgreeWithTheSchemasTest {

    @Test
    void theSaleReaderJudgesEveryRecordDerivedFromTheSaleSchemaAsTheSchemaDoes() {
        SaleReader reader = new SaleReader(EventReadersTest.FUTURE);

        SchemaCases.assertReaderAgrees("sale.v1.schema.json",
                EventJson.sale("C-1", "SKU-1", 3, "2026-03-01T10:15:30Z").json(),
                Set.of("eventId", "accountId", "sku", "quantity", "occurredAt"), reader::read);
    }

    @Test
    void theTierChangeReaderJudgesEveryRecordDerivedFromTheTierChangedSchemaAsTheSchemaDoes() {
        TierChangeReader reader = new TierChangeReader();

        SchemaCases.assertReaderAgrees("tier-changed.v1.schema.json",
                EventJson.tierChange("C-1", "REGULAR", "KEY", "2026-03-01T10:15:30Z").withRaw("sequence", "3").json(),
                Set.of("eventId", "accountId", "to", "asOf", "sequence"), reader::read);
    }
}
