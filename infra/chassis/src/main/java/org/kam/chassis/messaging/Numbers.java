package org.kam.chassis.messaging;

import java.math.BigDecimal;

/**
 * Bounds on every decimal number read from outside, checked before any arithmetic. A number such as
 * {@code 1e999999999} is 11 bytes of JSON, but comparing it, rescaling it or printing it in plain
 * digits needs a billion digits of memory: such a number is refused on its size, scale and exponent
 * alone, which costs nothing.
 */
public final class Numbers {

    /** At most this many digits before the decimal point (below 10^30). */
    public static final int MAX_INTEGER_DIGITS = 30;
    /** At most this many digits after the decimal point. */
    public static final int MAX_SCALE = 30;

    private Numbers() {
    }

    /**
     * {@code value} unchanged when it is within the bounds; otherwise an {@link InvalidEventException}
     * naming {@code field}, whose message never spells the number out.
     */
    public static BigDecimal bounded(String field, BigDecimal value) {
        long integerDigits = (long) value.precision() - value.scale();
        if (value.signum() != 0 && integerDigits > MAX_INTEGER_DIGITS) {
            throw new InvalidEventException(field, "is too large: at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        if (value.scale() > MAX_SCALE && value.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new InvalidEventException(field, "has too many decimal places: at most " + MAX_SCALE);
        }
        return value;
    }
}
