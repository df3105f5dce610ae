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

    @Test
    void theProductReaderJudgesEveryRecordDerivedFromItsSchemaAsTheSchemaDoes() {
        SchemaCases.assertReaderAgrees("product-details-changed.v1.schema.json", EventJson.productDetails("HP-AW-12", "Heating").json(),
                Set.of("eventId", "sku", "name", "productLine", "technical"), IncomingEvents::productDetails);
    }

    @Test
    void theRelationshipSignalReadersJudgeEveryRecordDerivedFromTheirSchemasAsTheSchemasDo() {
        SchemaCases.assertReaderAgrees("coverage-gap.v1.schema.json", EventJson.coverageGap("C-1").json(),
                Set.of("eventId", "accountId", "tier", "requirement"),
                json -> IncomingEvents.relationshipSignal("CoverageGap", json));
        SchemaCases.assertReaderAgrees("coverage-restored.v1.schema.json", EventJson.coverageRestored("C-1").json(),
                Set.of("eventId", "accountId", "tier", "requirement", "cause"),
                json -> IncomingEvents.relationshipSignal("CoverageRestored", json));
        String alert = "0c3a2f7e-1111-4c5d-8e9f-0a1b2c3d4e5f";
        SchemaCases.assertReaderAgrees("key-date-upcoming.v1.schema.json", EventJson.keyDateUpcoming("C-1", alert, "2026-12-12").json(),
                Set.of("eventId", "accountId", "alertId", "title", "occursOn"),
                json -> IncomingEvents.relationshipSignal("KeyDateUpcoming", json));
        SchemaCases.assertReaderAgrees("escalated.v1.schema.json", EventJson.escalated("C-1", alert, "2026-12-12").json(),
                Set.of("eventId", "accountId", "alertId", "title", "occursOn", "level"),
                json -> IncomingEvents.relationshipSignal("Escalated", json));
    }
}
