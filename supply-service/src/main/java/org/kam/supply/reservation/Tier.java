package org.kam.supply.reservation;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.kam.chassis.messaging.InvalidEventException;

/** An account's tier as account-service announces it; KEY accounts get stock protected, POTENTIAL ones a share. */
public enum Tier {
    KEY, POTENTIAL, REGULAR;

    static Tier read(String field, String text) {
        try {
            return valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, "must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ", was '" + text + "'");
        }
    }
}
