package org.kam.account.tiering;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as exact longs in units of 1/10,000 of the base currency (the database's numeric(19,4)). */
public final class Money {

    public static final int SCALE = 4;

    private Money() {
    }

    /** The amount in units; an amount with more than four decimal places cannot be represented. */
    public static long toUnits(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    public static BigDecimal toDecimal(long units) {
        return BigDecimal.valueOf(units, SCALE);
    }

    /** part / whole with six decimals; zero when the whole is zero. */
    static BigDecimal share(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_EVEN);
    }
}
