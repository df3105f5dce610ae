package org.kam.insight;

import static org.kam.testsupport.JsonRecord.quote;

import java.util.UUID;

import org.kam.testsupport.JsonRecord;

/**
 * Test-data builder for the JSON records insight-service consumes, each valid by its contract and
 * with a fresh event id; values are raw JSON so tests can also write wrong ones.
 */
public final class EventJson {

    private final JsonRecord record = new JsonRecord();

    private EventJson() {
    }

    /** A kam.sales.v1 record: 3 × SKU-1 for 120.10 EUR on 2026-03-01. */
    public static EventJson sale(String accountId) {
        return withFreshId()
                .withRaw("accountId", quote(accountId))
                .withRaw("orderId", quote("O-1"))
                .withRaw("sku", quote("SKU-1"))
                .withRaw("quantity", "3")
                .withRaw("amount", "120.10")
                .withRaw("currency", quote("EUR"))
                .withRaw("occurredAt", quote("2026-03-01T10:15:30Z"));
    }

    /** A kam.account-tiers.v1 record, as of 2026-03-02T09:00:00Z. */
    public static EventJson tierChanged(String accountId, String from, String to) {
        return withFreshId()
                .withRaw("occurredAt", quote("2026-03-02T09:00:01Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("from", quote(from))
                .withRaw("to", quote(to))
                .withRaw("asOf", quote("2026-03-02T09:00:00Z"))
                .withRaw("cause", quote("SALE"))
                .withRaw("causeEventId", quote(UUID.randomUUID().toString()));
    }

    /** A kam.reservations.v1 record for SKU-1 of a KEY account. */
    public static EventJson reservationChanged(String accountId, int requested, int reserved, int shortage) {
        return withFreshId()
                .withRaw("occurredAt", quote("2026-03-02T09:00:02Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("sku", quote("SKU-1"))
                .withRaw("tier", quote("KEY"))
                .withRaw("requested", String.valueOf(requested))
                .withRaw("reserved", String.valueOf(reserved))
                .withRaw("shortage", String.valueOf(shortage))
                .withRaw("cause", quote("TIER_CHANGED"));
    }

    private static EventJson withFreshId() {
        return new EventJson().withRaw("eventId", quote(UUID.randomUUID().toString()));
    }

    public EventJson withRaw(String field, String rawJsonValue) {
        record.withRaw(field, rawJsonValue);
        return this;
    }

    public EventJson with(String field, String text) {
        record.with(field, text);
        return this;
    }

    public EventJson without(String field) {
        record.without(field);
        return this;
    }

    public String eventId() {
        return record.text("eventId");
    }

    public String json() {
        return record.json();
    }

    public byte[] bytes() {
        return record.bytes();
    }
}
