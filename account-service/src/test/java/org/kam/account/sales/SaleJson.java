package org.kam.account.sales;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Test-data builder for kam.sales.v1 JSON, with raw values so tests can also write wrong ones. */
public final class SaleJson {

    static final String EVENT_ID = "6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e";

    private final Map<String, String> raw = new LinkedHashMap<>();

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

    public SaleJson withRaw(String field, String rawJsonValue) {
        raw.put(field, rawJsonValue);
        return this;
    }

    public SaleJson without(String field) {
        raw.remove(field);
        return this;
    }

    public String eventId() {
        return raw.get("eventId").replace("\"", "");
    }

    public String json() {
        return raw.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
