package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records derived from an event's JSON Schema, to check that a reader accepts and rejects exactly
 * what the contract does: for every field the reader reads, the record without it, with null, with
 * a value of the wrong type, just inside and just outside each bound the schema states (minimum,
 * maximum, length, pattern, format, enum, multipleOf). The schema's verdict on each record is the
 * expected one; the reader must agree, and when it rejects, name the field.
 */
public final class SchemaCases {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SchemaCases() {
    }

    /** One derived record: what was changed, the record, and whether the schema accepts it. */
    public record Case(String field, String description, String json, boolean schemaAccepts) {
    }

    /**
     * Asserts that {@code reader} (which throws on a record it rejects, with a message starting
     * "field:") agrees with {@code schemaFile} on every case derived from {@code valid} for {@code fields}.
     */
    public static List<Case> assertReaderAgrees(String schemaFile, String valid, Set<String> fields,
            Consumer<byte[]> reader) {
        assertThat(EventContracts.violations(schemaFile, valid)).as("the valid example").isEmpty();
        List<Case> cases = derive(schemaFile, valid, fields);
        List<String> disagreements = new ArrayList<>();
        for (Case c : cases) {
            String rejection = null;
            try {
                reader.accept(c.json().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                rejection = String.valueOf(e.getMessage());
            }
            if (c.schemaAccepts() && rejection != null) {
                disagreements.add(c.field() + " " + c.description() + ": the schema accepts it, the reader says "
                        + rejection);
            } else if (!c.schemaAccepts() && rejection == null) {
                disagreements.add(c.field() + " " + c.description() + ": the schema rejects it ("
                        + EventContracts.violations(schemaFile, c.json()) + "), the reader accepts it");
            } else if (rejection != null && !rejection.startsWith(c.field() + ":")) {
                disagreements.add(c.field() + " " + c.description() + ": rejected without naming the field: "
                        + rejection);
            }
        }
        assertThat(disagreements).as("where %s and its reader disagree (%d cases)", schemaFile, cases.size())
                .isEmpty();
        return cases;
    }

    /** The cases for {@code fields} of {@code schemaFile}, each a variation of {@code valid}. */
    public static List<Case> derive(String schemaFile, String valid, Set<String> fields) {
        JsonNode schema = schema(schemaFile);
        ObjectNode example = (ObjectNode) JSON.readTree(valid);
        List<Case> cases = new ArrayList<>();
        for (String field : fields) {
            JsonNode property = resolve(schema, schema.path("properties").path(field));
            if (property.isMissingNode()) {
                throw new IllegalArgumentException(schemaFile + " has no property " + field);
            }
            add(cases, schemaFile, example, field, "left out", null, true);
            add(cases, schemaFile, example, field, "null", "null", false);
            Set<String> types = types(property);
            if (types.contains("string")) {
                add(cases, schemaFile, example, field, "a number instead of a string", "42", false);
            }
            if (types.contains("integer") || types.contains("number")) {
                add(cases, schemaFile, example, field, "a string instead of a number", "\"12\"", false);
            }
            if (types.contains("integer")) {
                add(cases, schemaFile, example, field, "a fraction", "1.5", false);
            }
            if (property.has("minimum")) {
                BigDecimal min = property.get("minimum").decimalValue();
                add(cases, schemaFile, example, field, "at its minimum", min.toPlainString(), false);
                BigDecimal below = types.contains("integer") ? min.subtract(BigDecimal.ONE) : min.subtract(new BigDecimal("0.5"));
                add(cases, schemaFile, example, field, "below its minimum", below.toPlainString(), false);
            }
            if (property.has("maximum")) {
                BigDecimal max = property.get("maximum").decimalValue();
                add(cases, schemaFile, example, field, "at its maximum", max.toPlainString(), false);
                add(cases, schemaFile, example, field, "above its maximum", max.add(BigDecimal.ONE).toPlainString(), false);
            }
            if (property.has("multipleOf")) {
                BigDecimal step = property.get("multipleOf").decimalValue();
                add(cases, schemaFile, example, field, "a multiple of " + step.toPlainString(), step.toPlainString(), false);
                add(cases, schemaFile, example, field, "finer than " + step.toPlainString(),
                        step.divide(BigDecimal.TEN).toPlainString(), false);
            }
            if (property.has("minLength") && property.get("minLength").asInt() > 0) {
                add(cases, schemaFile, example, field, "shorter than its minimum length",
                        quote("a".repeat(property.get("minLength").asInt() - 1)), false);
            }
            if (property.has("maxLength")) {
                int max = property.get("maxLength").asInt();
                String base = example.path(field).isString() ? example.path(field).asString() : "a";
                add(cases, schemaFile, example, field, "at its maximum length", quote(pad(base, max)), false);
                add(cases, schemaFile, example, field, "longer than its maximum length", quote(pad(base, max + 1)), false);
            }
            if (property.has("pattern")) {
                add(cases, schemaFile, example, field, "not matching its pattern", quote("not matching!"), false);
            }
            if ("date-time".equals(property.path("format").asString(""))) {
                add(cases, schemaFile, example, field, "not a date-time", quote("yesterday"), false);
            }
            if (property.has("enum")) {
                add(cases, schemaFile, example, field, "not one of its values", quote("NOT_A_VALUE"), false);
                for (JsonNode value : property.get("enum")) {
                    if (value.isString()) {
                        add(cases, schemaFile, example, field, "the value " + value.asString(), value.toString(), false);
                    }
                }
            }
        }
        return cases;
    }

    private static void add(List<Case> cases, String schemaFile, ObjectNode example, String field, String description,
            String rawValue, boolean remove) {
        ObjectNode variant = example.deepCopy();
        if (remove) {
            variant.remove(field);
        } else {
            variant.set(field, JSON.readTree(rawValue));
        }
        String json = JSON.writeValueAsString(variant);
        cases.add(new Case(field, description, json, EventContracts.violations(schemaFile, json).isEmpty()));
    }

    private static String pad(String base, int length) {
        StringBuilder text = new StringBuilder(base.length() > length ? base.substring(0, length) : base);
        while (text.length() < length) {
            text.append('x');
        }
        return text.toString();
    }

    private static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    private static Set<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        Set<String> types = new java.util.HashSet<>();
        if (type.isString()) {
            types.add(type.asString());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        }
        return types;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode property) {
        if (property.has("$ref") && property.get("$ref").asString().startsWith("#/")) {
            JsonNode target = schema;
            for (String part : property.get("$ref").asString().substring(2).split("/")) {
                target = target.path(part);
            }
            return target;
        }
        return property;
    }

    private static JsonNode schema(String schemaFile) {
        try (InputStream in = SchemaCases.class.getResourceAsStream("/contracts/schemas/" + schemaFile)) {
            if (in == null) {
                throw new IllegalArgumentException("No contract schemas/" + schemaFile);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
