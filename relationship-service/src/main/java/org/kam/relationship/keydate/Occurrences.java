package org.kam.relationship.keydate;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

/**
 * When a key date next occurs. Pure. A yearly date ignores the year it was entered with; 29
 * February falls on 28 February in years without it, so a leap-day anniversary is never skipped.
 */
public final class Occurrences {

    private Occurrences() {
    }

    /** The first occurrence on or after {@code today}; empty for a one-off date that has passed. */
    public static Optional<LocalDate> next(LocalDate on, boolean yearly, LocalDate today) {
        if (!yearly) {
            return on.isBefore(today) ? Optional.empty() : Optional.of(on);
        }
        MonthDay day = MonthDay.from(on);
        LocalDate thisYear = in(day, today.getYear());
        return Optional.of(thisYear.isBefore(today) ? in(day, today.getYear() + 1) : thisYear);
    }

    /** Whether the next occurrence is within {@code leadDays} from today (today included). */
    public static Optional<LocalDate> dueWithin(LocalDate on, boolean yearly, LocalDate today, int leadDays) {
        return next(on, yearly, today).filter(next -> !next.isAfter(today.plusDays(leadDays)));
    }

    /** {@link MonthDay#atYear} moves 29 February to the 28th in a year without it. */
    private static LocalDate in(MonthDay day, int year) {
        return day.atYear(year);
    }
}
