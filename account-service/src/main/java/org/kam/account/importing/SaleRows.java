package org.kam.account.importing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.kam.account.sales.Sale;
import org.kam.account.sales.SaleReader;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CSV row as a sale: the columns of kam.sales.v1, checked by the same {@link SaleReader} as
 * Kafka records and the API. Without an {@code eventId} column, the id is derived from the file's
 * content key (order, SKU, account, time, amount and the row's number), so importing the same
 * file again changes nothing.
 */
final class SaleRows {

    static final String[] COLUMNS = { "eventId", "accountId", "orderId", "sku", "quantity", "amount", "currency",
            "occurredAt" };
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SaleReader reader;

    SaleRows(SaleReader reader) {
        this.reader = reader;
    }

    Sale read(CsvFile.Row row) {
        ObjectNode json = NODES.objectNode();
        String eventId = row.get("eventId");
        json.put("eventId", eventId != null ? eventId : derivedId(row).toString());
        putText(json, "accountId", row.get("accountId"));
        putText(json, "orderId", row.get("orderId"));
        putText(json, "sku", row.get("sku"));
        putNumber(json, "quantity", row.get("quantity"));
        putNumber(json, "amount", row.get("amount"));
        putText(json, "currency", row.get("currency"));
        putText(json, "occurredAt", row.get("occurredAt"));
        return reader.read(json);
    }

    private static UUID derivedId(CsvFile.Row row) {
        String key = String.join("|", "csv-sale", String.valueOf(row.get("orderId")), String.valueOf(row.get("sku")),
                String.valueOf(row.get("accountId")), String.valueOf(row.get("occurredAt")),
                String.valueOf(row.get("amount")), String.valueOf(row.number()));
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    /** Numbers stay numbers, anything else stays text so the reader names the field. */
    private static void putNumber(ObjectNode json, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.scale() <= 0) {
                json.put(field, number.toBigIntegerExact());
            } else {
                json.put(field, number);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            json.put(field, value);
        }
    }
}
