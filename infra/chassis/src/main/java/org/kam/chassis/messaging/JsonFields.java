package org.kam.chassis.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tolerant reader of one JSON object: each getter reads one field the caller needs, checks it,
 * and throws {@link InvalidEventException} naming the field when it is missing or wrong. Fields
 * the caller does not ask for are ignored, so producers can add fields without breaking anyone.
 */
public final class JsonFields {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // money must not pass through double
            .build();

    private final JsonNode node;

    private JsonFields(JsonNode node) {
        this.node = node;
    }

    /**
     * The largest record a reader parses. Events are a few hundred bytes; a record this size is a
     * mistake or an attack, and goes to the dead-letter topic unread (the API refuses such bodies too).
     */
    public static final int MAX_RECORD_BYTES = 256 * 1024;

    public static JsonFields parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("$", "empty message, expected a JSON object");
        }
        if (json.length > MAX_RECORD_BYTES) {
            throw new InvalidEventException("$", "the record is " + json.length + " bytes, more than the limit of "
                    + MAX_RECORD_BYTES);
        }
        try {
            return of(MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw new InvalidEventException("$", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    public static JsonFields of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("$", "expected a JSON object");
        }
        return new JsonFields(node);
    }

    public String requiredText(String field) {
        JsonNode value = present(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new InvalidEventException(field, "must be a non-empty string");
        }
        return value.stringValue();
    }

    /** A non-empty string of at most {@code maxLength} characters (ids, SKUs: the contract's bound). */
    public String requiredText(String field, int maxLength) {
        String text = requiredText(field);
        if (text.length() > maxLength) {
            throw new InvalidEventException(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /**
     * A number ≥ 0, at most {@code max}, with at most {@code maxScale} decimal places (money: the
     * contract's bounds, checked before any arithmetic).
     */
    public BigDecimal nonNegativeDecimal(String field, BigDecimal max, int maxScale) {
        BigDecimal decimal = nonNegativeDecimal(field);
        if (decimal.scale() > maxScale && decimal.stripTrailingZeros().scale() > maxScale) {
            throw new InvalidEventException(field, "must have at most " + maxScale + " decimal places, was "
                    + decimal.toPlainString());
        }
        if (decimal.compareTo(max) > 0) {
            throw new InvalidEventException(field, "must be at most " + max.toPlainString());
        }
        return decimal;
    }

    public String optionalText(String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isString()) {
            throw new InvalidEventException(field, "must be a string");
        }
        return value.stringValue();
    }

    /** Text of at most {@code maxLength} characters, or null when absent or null. */
    public String optionalText(String field, int maxLength) {
        String text = optionalText(field, (String) null);
        if (text != null && text.length() > maxLength) {
            throw new InvalidEventException(field, "must be at most " + maxLength + " characters, was " + text.length());
        }
        return text;
    }

    /** An ISO-8601 date such as 2026-03-01, or null when absent or null. */
    public java.time.LocalDate optionalDate(String field) {
        String text = optionalText(field, (String) null);
        if (text == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field, "must be an ISO-8601 date such as 2026-03-01, was '" + text + "'");
        }
    }

    public boolean requiredBoolean(String field) {
        JsonNode value = present(field);
        if (!value.isBoolean()) {
            throw new InvalidEventException(field, "must be true or false");
        }
        return value.booleanValue();
    }

    public UUID requiredUuid(String field) {
        String text = requiredText(field);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, "must be a UUID, was '" + text + "'");
        }
    }

    public Instant requiredInstant(String field) {
        String text = requiredText(field);
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field, "must be an ISO-8601 instant such as 2026-03-01T10:15:30Z, was '" + text + "'");
        }
    }

    public int positiveInt(String field) {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidEventException(field, "must be an integer");
        }
        if (value.intValue() <= 0) {
            throw new InvalidEventException(field, "must be greater than 0, was " + value.intValue());
        }
        return value.intValue();
    }

    public int nonNegativeInt(String field) {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidEventException(field, "must be an integer");
        }
        if (value.intValue() < 0) {
            throw new InvalidEventException(field, "must be 0 or more, was " + value.intValue());
        }
        return value.intValue();
    }

    /** A whole number ≥ 1, or {@code fallback} when the field is absent (older producers). */
    public long optionalPositiveLong(String field, long fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidEventException(field, "must be a whole number");
        }
        if (value.longValue() < 1) {
            throw new InvalidEventException(field, "must be 1 or more, was " + value.longValue());
        }
        return value.longValue();
    }

    public BigDecimal nonNegativeDecimal(String field) {
        JsonNode value = present(field);
        BigDecimal decimal;
        if (value.isNumber()) {
            decimal = Numbers.bounded(field, value.decimalValue());
        } else {
            throw new InvalidEventException(field, "must be a number");
        }
        if (decimal.signum() < 0) {
            throw new InvalidEventException(field, "must be 0 or more, was " + decimal.toPlainString());
        }
        return decimal;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(field, "is required");
        }
        return value;
    }
}
