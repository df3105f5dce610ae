package org.kam.account.tiering;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A threshold such as 0.80 or 1.5 as an exact fraction, compared against products of money
 * amounts without rounding and without overflow (128-bit products).
 */
record Ratio(long numerator, long denominator) {

    static Ratio of(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = Math.max(0, stripped.scale());
        if (scale > 9) {
            throw new IllegalArgumentException("at most 9 decimal places, was " + value.toPlainString());
        }
        BigInteger numerator = stripped.movePointRight(scale).toBigIntegerExact();
        return new Ratio(numerator.longValueExact(), BigInteger.TEN.pow(scale).longValueExact());
    }

    /** {@code amount < ratio × of}. */
    boolean exceeds(long amount, long of) {
        return compareProducts(amount, denominator, numerator, of) < 0;
    }

    /** {@code amount >= ratio × of}. */
    boolean isReachedBy(long amount, long of) {
        return compareProducts(amount, denominator, numerator, of) >= 0;
    }

    BigDecimal times(BigDecimal amount) {
        return amount.multiply(BigDecimal.valueOf(numerator)).divide(BigDecimal.valueOf(denominator));
    }

    /** Compares a×b with c×d for non-negative longs, exactly. */
    static int compareProducts(long a, long b, long c, long d) {
        long high1 = Math.multiplyHigh(a, b);
        long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2) {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
