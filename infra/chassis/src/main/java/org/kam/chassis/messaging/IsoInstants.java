package org.kam.chassis.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * {@link Instant#parse} for the one form every producer here writes ({@code Instant.toString()}:
 * {@code 2026-03-01T10:15:30Z}, with 0 to 9 fraction digits), without a {@code DateTimeFormatter};
 * anything else goes to {@link Instant#parse}, so what is accepted, what it means and what is
 * refused stay exactly Java's. Why: every event carries two or three instants, and the formatter
 * was the largest single cost of reading one (a sixth of relationship-service's consumer CPU under
 * load, JFR, issue 12).
 */
final class IsoInstants {

    private static final int[] SCALE = { 1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1 };

    private IsoInstants() {
    }

    /**
     * @throws DateTimeParseException as {@link Instant#parse} does
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = length == 20 ? 0 : digits(text, 20, length - 21);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0
                || day > java.time.Month.of(month).length(Year.isLeap(year))) {
            return Instant.parse(text); // refused, or a leap second: as Java reads it
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, length == 20 ? 0 : (long) fraction * SCALE[length - 21]);
    }

    /** The number written with {@code count} ASCII digits from {@code from}; -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
