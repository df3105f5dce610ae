package org.kam.insight.collection;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kam.insight.EventJson;
import org.kam.testsupport.SchemaCases;

/** insight's readers accept and reject exactly what the contracts do, for the fields they read. */
class ReadersAgreeWithTheSchemasTest {

    @Test
    void theSaleReaderJudgesEveryRecordDerivedFromTheSaleSchemaAsTheSchemaDoes() {
        SchemaCases.assertReaderAgrees("sale.v1.schema.json", EventJson.sale("C-1").json(),
                Set.of("eventId", "accountId", "sku", "quantity", "amount", "occurredAt"),
                json -> IncomingEvents.sale(json, IncomingEventsTest.FUTURE));
    }

    @Test
    void theTierChangeReaderJudgesEveryRecordDerivedFromTheTierChangedSchemaAsTheSchemaDoes() {
        SchemaCases.assertReaderAgrees("tier-changed.v1.schema.json",
                EventJson.tierChanged("C-1", "REGULAR", "KEY").withRaw("sequence", "3").json(),
                Set.of("eventId", "accountId", "from", "to", "asOf", "sequence"), IncomingEvents::tierChange);
    }
}
