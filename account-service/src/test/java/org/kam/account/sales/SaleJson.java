package org.kam.account.sales;

import static org.kam.testsupport.JsonRecord.quote;

import java.util.UUID;

import org.kam.testsupport.EventBuilder;

/** Test-data builder for kam.sales.v1 JSON, with raw values so tests can also write wrong ones. */
public final class SaleJson extends EventBuilder<SaleJson> {

    static final String EVENT_ID = "6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e";

    private SaleJson() {
    }

    public static SaleJson valid() {
        return new SaleJson()
                .withRaw("eventId", quote(EVENT_ID))
                .withRaw("accountId", quote("C-1"))
                .withRaw("orderId", quote("O-1"))
                .withRaw("sku", quote("SKU-1"))
                .withRaw("quantity", "3")
                .withRaw("amount", "120.10")
                .withRaw("currency", quote("EUR"))
                .withRaw("occurredAt", quote("2026-03-01T10:15:30Z"));
    }

    /** A valid sale with a fresh event id. */
    public static SaleJson sale(String accountId, String amount, String occurredAt) {
        return valid().withRaw("eventId", quote(UUID.randomUUID().toString()))
                .withRaw("accountId", quote(accountId))
                .withRaw("amount", amount)
                .withRaw("occurredAt", quote(occurredAt));
    }
}
