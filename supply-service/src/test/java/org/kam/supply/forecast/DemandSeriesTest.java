package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kam.supply.forecast.DemandSeries.Observation;

/** 2026-01-05 is a Monday: the weeks below start on 5, 12, 19 and 26 January and 2 February. */
class DemandSeriesTest {

    @Test
    void salesAreBucketedIntoIsoWeeksFromMondayToSundayWithZeroForAWeekWithoutSales() {
        // given sales on the first and last second of the week of 5 January, on the Monday after,
        // none in the week of 19 January, and one on Wednesday 28 January
        List<Observation> sales = List.of(
                sale("2026-01-05T00:00:00Z", 3),
                sale("2026-01-11T23:59:59Z", 4),
                sale("2026-01-12T00:00:00Z", 5),
                sale("2026-01-28T10:00:00Z", 2));

        // when bucketed as of Monday 2 February
        DemandSeries series = DemandSeries.weekly(sales, Instant.parse("2026-02-02T00:00:00Z"));

        // then four weeks, the third empty
        assertThat(series.values()).containsExactly(7, 5, 0, 2);
        assertThat(series.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(series.end()).isEqualTo(Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(series.periodLength()).isEqualTo(Duration.ofDays(7));
        assertThat(series.periodStart(2)).isEqualTo(Instant.parse("2026-01-19T00:00:00Z"));
    }

    @Test
    void theWeekStillRunningAtAsOfIsLeftOutAndSoIsEverythingAfterAsOf() {
        // given sales in the week of 19 January, in the running week of 26 January before and after
        // as of (Wednesday 28 January, noon), and in February
        List<Observation> sales = List.of(
                sale("2026-01-19T08:00:00Z", 6),
                sale("2026-01-26T08:00:00Z", 1),
                sale("2026-01-28T11:59:59Z", 1),
                sale("2026-01-28T12:00:01Z", 1),
                sale("2026-02-03T08:00:00Z", 9));

        // when
        DemandSeries series = DemandSeries.weekly(sales, Instant.parse("2026-01-28T12:00:00Z"));

        // then only the complete week of 19 January: a half-run week would look like a drop in demand
        assertThat(series.values()).containsExactly(6);
        assertThat(series.end()).isEqualTo(Instant.parse("2026-01-26T00:00:00Z"));
    }

    @Test
    void asOfOnAMondayAtMidnightClosesTheWeekBeforeIt() {
        // given one sale in the last millisecond of the week of 19 January and one at the first instant of the next
        List<Observation> sales = List.of(
                sale("2026-01-25T23:59:59.999Z", 2),
                sale("2026-01-26T00:00:00Z", 5));

        // when as of that first instant
        DemandSeries series = DemandSeries.weekly(sales, Instant.parse("2026-01-26T00:00:00Z"));

        // then the week of 19 January is complete and the sale at as of belongs to the next week
        assertThat(series.values()).containsExactly(2);
        assertThat(series.end()).isEqualTo(Instant.parse("2026-01-26T00:00:00Z"));
    }

    @Test
    void weeksAreCountedInUtc() {
        // given a sale at 00:30 on Monday 12 January in Berlin, which is still Sunday in UTC
        Instant mondayInBerlin = OffsetDateTime.parse("2026-01-12T00:30:00+01:00").toInstant();

        // when
        DemandSeries series = DemandSeries.weekly(List.of(new Observation(mondayInBerlin, 4)),
                Instant.parse("2026-01-19T00:00:00Z"));

        // then it falls in the week of 5 January, and the week of 12 January is empty
        assertThat(series.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(series.values()).containsExactly(4, 0);
    }

    @Test
    void withoutSalesBeforeAsOfTheSeriesIsEmptyAndEndsWhereTheRunningWeekBegins() {
        DemandSeries series = DemandSeries.weekly(List.of(sale("2026-01-28T08:00:00Z", 3)),
                Instant.parse("2026-01-28T12:00:00Z"));

        assertThat(series.length()).isZero();
        assertThat(series.start()).isEqualTo(series.end()).isEqualTo(Instant.parse("2026-01-26T00:00:00Z"));
    }

    @Test
    void periodsMayBeDaysInsteadOfWeeks() {
        List<Observation> sales = List.of(sale("2026-01-05T23:00:00Z", 1), sale("2026-01-07T01:00:00Z", 2));

        DemandSeries series = DemandSeries.bucketed(sales, Instant.parse("2026-01-08T00:00:00Z"), Duration.ofDays(1));

        assertThat(series.values()).containsExactly(1, 0, 2);
        assertThat(series.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    }

    @Test
    void theSeriesCannotBeChangedThroughWhatItReturns() {
        DemandSeries series = DemandSeries.of(Instant.parse("2026-01-05T00:00:00Z"), DemandSeries.WEEK, 1, 2);

        series.values()[0] = 99;

        assertThat(series.demand(0)).isEqualTo(1);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> new Observation(Instant.EPOCH, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> DemandSeries.of(Instant.parse("2026-01-06T00:00:00Z"), DemandSeries.WEEK, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start must begin a period");
        assertThatThrownBy(() -> DemandSeries.of(Instant.parse("2026-01-05T00:00:00Z"), DemandSeries.WEEK, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemandSeries.bucketed(List.of(), Instant.EPOCH, Duration.ofHours(12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole days");
    }

    private static Observation sale(String at, long quantity) {
        return new Observation(Instant.parse(at), quantity);
    }
}
