package org.kam.chassis.messaging;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads an enum value from text the one way every service does: the exact constant name, or an
 * {@link InvalidEventException} on {@code field} listing the accepted values (a 400 on REST, a
 * dead letter on Kafka).
 */
public final class Enums {

    private Enums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException(field, "must be one of " + names(type) + ", was '" + text + "'");
        }
    }

    /** Null for absent or blank text, else as {@link #parse}. */
    public static <E extends Enum<E>> E parseOptional(Class<E> type, String field, String text) {
        return text == null || text.isBlank() ? null : parse(type, field, text);
    }

    public static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
