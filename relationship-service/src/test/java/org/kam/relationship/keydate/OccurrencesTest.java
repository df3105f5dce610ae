package org.kam.relationship.keydate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OccurrencesTest {

    @ParameterizedTest(name = "{0} yearly={1}, today {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            // a yearly date ignores its year
            "2011-04-18, true,  2026-12-02, 2027-04-18",
            "2011-12-10, true,  2026-12-02, 2026-12-10",
            "2011-12-02, true,  2026-12-02, 2026-12-02",
            // a leap-day anniversary falls on 28 February in other years, never skipped
            "2008-02-29, true,  2027-01-10, 2027-02-28",
            "2008-02-29, true,  2028-01-10, 2028-02-29",
            // a one-off date occurs once
            "2026-12-20, false, 2026-12-02, 2026-12-20",
            "2026-11-20, false, 2026-12-02, none" })
    void theNextOccurrence(LocalDate on, boolean yearly, LocalDate today, LocalDate expected) {
        assertThat(Occurrences.next(on, yearly, today)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0}, today {1}, {2} days ahead -> {3}")
    @CsvSource(nullValues = "none", value = {
            "2011-12-16, 2026-12-02, 14, 2026-12-16",
            "2011-12-17, 2026-12-02, 14, none",
            "2011-12-02, 2026-12-02, 0,  2026-12-02" })
    void aDateIsDueWhenItOccursWithinTheLeadDays(LocalDate on, LocalDate today, int leadDays, LocalDate expected) {
        assertThat(Occurrences.dueWithin(on, true, today, leadDays)).isEqualTo(Optional.ofNullable(expected));
    }
}
