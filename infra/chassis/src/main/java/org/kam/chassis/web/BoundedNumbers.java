package org.kam.chassis.web;

import java.math.BigDecimal;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.messaging.Numbers;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every {@link BigDecimal} in a request body passes {@link Numbers#bounded} while it is read, before
 * validation compares it with anything: {@code 1e999999999} answers 400 naming the field instead of
 * exhausting the heap.
 */
public final class BoundedNumbers {

    private BoundedNumbers() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("kam-bounded-numbers");
        module.addDeserializer(BigDecimal.class, new Deserializer());
        return module;
    }

    static final class Deserializer extends ValueDeserializer<BigDecimal> {

        private static final int MAX_TEXT = 100;

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext context) {
            JsonToken token = p.currentToken();
            BigDecimal value;
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDecimalValue();
            } else if (token == JsonToken.VALUE_STRING) {
                String text = p.getString().trim();
                if (text.length() > MAX_TEXT) {
                    throw InvalidFormatException.from(p, "must be a number of at most " + MAX_TEXT + " characters",
                            "…", BigDecimal.class);
                }
                try {
                    value = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw InvalidFormatException.from(p, "must be a number, was '" + text + "'", text, BigDecimal.class);
                }
            } else {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, p);
            }
            try {
                return Numbers.bounded(p.currentName() == null ? "$" : p.currentName(), value);
            } catch (InvalidEventException e) {
                throw InvalidFormatException.from(p, e.problem(), value.toString(), BigDecimal.class);
            }
        }
    }
}
