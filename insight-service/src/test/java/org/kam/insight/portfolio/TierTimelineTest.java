package org.kam.insight.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kam.insight.collection.Tier.KEY;
import static org.kam.insight.collection.Tier.POTENTIAL;
import static org.kam.insight.collection.Tier.REGULAR;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kam.insight.collection.Tier;
import org.kam.insight.portfolio.TierTimeline.Migration;
import org.kam.insight.portfolio.TierTimeline.MonthOfTiers;

class TierTimelineTest {

    private static TierTimeline.Change change(String account, Tier from, Tier to, String at) {
        return new TierTimeline.Change(account, from, to, Instant.parse(at));
    }

    @Test
    void countsEachTierAtEveryMonthsEndAndTheMovesWithinIt() {
        // given E and D seen long ago, A rising through POTENTIAL to KEY, B straight to KEY, C to POTENTIAL
        Map<String, Instant> firstSeen = Map.of("E", Instant.parse("2024-01-01T00:00:00Z"),
                "D", Instant.parse("2025-08-01T00:00:00Z"), "A", Instant.parse("2026-01-15T12:00:00Z"),
                "B", Instant.parse("2026-02-10T12:00:00Z"), "C", Instant.parse("2026-05-20T12:00:00Z"));
        List<TierTimeline.Change> changes = List.of(
                change("C", REGULAR, POTENTIAL, "2026-05-20T13:00:00Z"),
                change("A", POTENTIAL, KEY, "2026-02-10T13:00:00Z"),
                change("A", REGULAR, POTENTIAL, "2026-01-15T13:00:00Z"),
                change("B", REGULAR, KEY, "2026-02-10T13:00:00Z"));

        List<MonthOfTiers> months = TierTimeline.of(firstSeen, changes, YearMonth.of(2026, 1), YearMonth.of(2026, 6));

        assertThat(months).containsExactly(
                new MonthOfTiers("2026-01", 0, 1, 2, List.of(new Migration(REGULAR, POTENTIAL, 1))),
                new MonthOfTiers("2026-02", 2, 0, 2, List.of(new Migration(POTENTIAL, KEY, 1), new Migration(REGULAR, KEY, 1))),
                new MonthOfTiers("2026-03", 2, 0, 2, List.of()),
                new MonthOfTiers("2026-04", 2, 0, 2, List.of()),
                new MonthOfTiers("2026-05", 2, 1, 2, List.of(new Migration(REGULAR, POTENTIAL, 1))),
                new MonthOfTiers("2026-06", 2, 1, 2, List.of()));
    }

    @Test
    void changesBeforeTheFirstMonthShapeItsCountsButAreNotItsMigrations() {
        List<MonthOfTiers> months = TierTimeline.of(Map.of("A", Instant.parse("2025-01-01T00:00:00Z")),
                List.of(change("A", REGULAR, KEY, "2025-03-01T00:00:00Z")), YearMonth.of(2026, 1), YearMonth.of(2026, 1));

        assertThat(months).containsExactly(new MonthOfTiers("2026-01", 1, 0, 0, List.of()));
    }

    @Test
    void anAccountKnownOnlyFromAChangeCountsFromThatChange() {
        List<MonthOfTiers> months = TierTimeline.of(Map.of(),
                List.of(change("A", REGULAR, KEY, "2026-02-03T00:00:00Z")), YearMonth.of(2026, 1), YearMonth.of(2026, 2));

        assertThat(months).containsExactly(new MonthOfTiers("2026-01", 0, 0, 0, List.of()),
                new MonthOfTiers("2026-02", 1, 0, 0, List.of(new Migration(REGULAR, KEY, 1))));
    }
}
