package org.kam.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JSON object written field by field as raw JSON text, in the order the fields were first set, so
 * a test can write any record a producer might send: valid ones, and ones with a wrong type, a bad
 * value, a missing or an unexpected field. The services' event builders (e.g. {@code SaleJson}) hold
 * one and add the fields of their contract.
 */
public final class JsonRecord {

    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Sets {@code field} to {@code rawJson} as written, e.g. {@code "3"}, {@code "null"}, {@code "\"x\""}. */
    public JsonRecord withRaw(String field, String rawJson) {
        fields.put(field, rawJson);
        return this;
    }

    /** Sets {@code field} to the JSON string {@code text}. */
    public JsonRecord with(String field, String text) {
        return withRaw(field, quote(text));
    }

    public JsonRecord without(String field) {
        fields.remove(field);
        return this;
    }

    /** The raw JSON of {@code field}; null when it is not set. */
    public String raw(String field) {
        return fields.get(field);
    }

    /** The text of a string {@code field}, as {@link #with} took it; null when it is not set. */
    public String text(String field) {
        String raw = raw(field);
        if (raw == null || raw.length() < 2 || !raw.startsWith("\"") || !raw.endsWith("\"")) {
            return raw;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            text.append(c == '\\' ? raw.charAt(++i) : c);
        }
        return text.toString();
    }

    public String json() {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return json();
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
