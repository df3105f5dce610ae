package org.kam.relationship;

import static org.kam.testsupport.JsonRecord.quote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.relationship.account.AccountDetailsReader;
import org.kam.relationship.activity.ActivityReaders;
import org.kam.relationship.training.ProductDetailsReader;
import org.kam.testsupport.SchemaCases;

/** relationship-service's readers accept and reject exactly what the contracts do, for the fields they read. */
class ReadersAgreeWithTheSchemasTest {

    private static final FutureLimit FUTURE = new FutureLimit(
            Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(1));
    private final ActivityReaders readers = new ActivityReaders(FUTURE);

    @Test
    void theAccountDetailsReader() {
        SchemaCases.assertReaderAgrees("account-details-changed.v1.schema.json",
                AccountJson.details("C-1", "Nordic Pumps", "North", "2011-04-18", "kam-anna"),
                Set.of("eventId", "occurredAt", "accountId", "name", "region", "parentId", "openedOn", "owner"),
                new AccountDetailsReader()::read);
    }

    @Test
    void theProductDetailsReader() {
        SchemaCases.assertReaderAgrees("product-details-changed.v1.schema.json", """
                {"eventId":"0b6f3e1c-2a4d-4e5f-8a9b-1c2d3e4f5a6b","occurredAt":"2026-12-01T10:00:00Z","sku":"SERVO-1",
                 "name":"Servo drive","productLine":"Drives","technical":true}""",
                Set.of("eventId", "occurredAt", "sku", "name", "productLine", "technical"),
                new ProductDetailsReader()::read);
    }

    @Test
    void theSaleReader() {
        SchemaCases.assertReaderAgrees("sale.v1.schema.json", """
                {"eventId":"0b6f3e1c-2a4d-4e5f-8a9b-1c2d3e4f5a6b","accountId":"C-1","orderId":"O-1","sku":"SKU-1",
                 "quantity":3,"amount":1200.50,"currency":null,"occurredAt":"2026-11-01T10:15:30Z"}""",
                Set.of("eventId", "accountId", "sku", "quantity", "amount", "occurredAt"), readers::sale);
    }

    @Test
    void theProtectionReader() {
        SchemaCases.assertReaderAgrees("reservation-changed.v1.schema.json", """
                {"eventId":"0b6f3e1c-2a4d-4e5f-8a9b-1c2d3e4f5a6b","occurredAt":"2026-11-01T10:15:30Z","accountId":"C-1",
                 "sku":"SKU-1","tier":"KEY","requested":40,"reserved":30,"shortage":10,"cause":"SALE"}""",
                Set.of("eventId", "occurredAt", "accountId", "sku", "requested", "reserved", "shortage"),
                readers::protection);
    }

    @Test
    void theStockOutReader() {
        SchemaCases.assertReaderAgrees("key-account-stock-out.v1.schema.json", """
                {"eventId":"0b6f3e1c-2a4d-4e5f-8a9b-1c2d3e4f5a6b","occurredAt":"2026-11-01T10:15:30Z","sku":"SKU-1",
                 "accountId":"C-1","orderId":%s,"ordered":10,"served":4,"backordered":6,"cause":"NO_STOCK",
                 "onHand":0,"protectedForAccount":0,"protectedForOthers":0}""".formatted(
                        quote("6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e")),
                Set.of("eventId", "occurredAt", "accountId", "sku", "ordered", "backordered", "cause"),
                json -> readers.supplySignal("KeyAccountStockOut", json));
    }
}
