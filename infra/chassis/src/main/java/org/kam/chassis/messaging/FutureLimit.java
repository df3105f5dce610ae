package org.kam.chassis.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far past the wall clock an event may be dated ({@code kam.sales.future-tolerance}, 24 h). Every
 * reader of kam.sales.v1 applies the same limit: a sale dated 2999 would move account-service's
 * business clock and empty everyone's window, and become supply-service's forecast clock.
 */
public record FutureLimit(Clock clock, Duration tolerance) {

    /** {@code value} unchanged when it is not too far ahead; otherwise an error naming {@code field}. */
    public Instant check(String field, Instant value) {
        Instant latestAccepted = clock.instant().plus(tolerance);
        if (value.isAfter(latestAccepted)) {
            throw new InvalidEventException(field, "is in the future: " + value + " is after " + latestAccepted
                    + " (now plus the tolerance of " + tolerance + ")");
        }
        return value;
    }
}
