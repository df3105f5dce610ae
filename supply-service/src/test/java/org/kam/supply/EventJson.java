package org.kam.supply;

import static org.kam.testsupport.JsonRecord.quote;

import java.util.UUID;

import org.kam.testsupport.EventBuilder;

/**
 * Test-data builder for the JSON supply consumes (kam.sales.v1 sales and kam.account-tiers.v1
 * tier changes), with raw values so tests can also write wrong ones.
 */
public final class EventJson extends EventBuilder<EventJson> {

    private EventJson() {
    }

    /** A valid sale (every field of sale.v1) with a fresh event id. */
    public static EventJson sale(String accountId, String sku, int quantity, String occurredAt) {
        return new EventJson()
                .withRaw("eventId", quote(UUID.randomUUID().toString()))
                .withRaw("accountId", quote(accountId))
                .withRaw("orderId", quote("O-" + UUID.randomUUID()))
                .withRaw("sku", quote(sku))
                .withRaw("quantity", Integer.toString(quantity))
                .withRaw("amount", "12.50")
                .withRaw("currency", quote("EUR"))
                .withRaw("occurredAt", quote(occurredAt));
    }

    /** A valid {@code TierChanged} (every field of tier-changed.v1) with a fresh event id. */
    public static EventJson tierChange(String accountId, String from, String to, String asOf) {
        return new EventJson()
                .withRaw("eventId", quote(UUID.randomUUID().toString()))
                .withRaw("occurredAt", quote("2026-03-02T08:00:00Z"))
                .withRaw("accountId", quote(accountId))
                .withRaw("from", quote(from))
                .withRaw("to", quote(to))
                .withRaw("asOf", quote(asOf))
                .withRaw("cause", quote("SALE"))
                .withRaw("causeEventId", "null");
    }
}
