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

    public static JsonFields parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("$", "empty message, expected a JSON object");
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
            return Instant.parse(text);
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

    public BigDecimal nonNegativeDecimal(String field) {
        JsonNode value = present(field);
        BigDecimal decimal;
        if (value.isNumber()) {
            decimal = value.decimalValue();
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
