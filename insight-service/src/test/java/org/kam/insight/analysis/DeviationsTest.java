package org.kam.insight.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeviationsTest {

    private final Deviations deviations = new Deviations(3.5);

    @Test
    void anAccountThatOrdersEveryFourthWeekIsIntermittentAndNotJudged() {
        // given orders of 10,000 every fourth week, then a week of 40,000 and weeks without orders:
        // orders in one week in four, above the 1.32 weeks per order of an intermittent series
        double[] series = new double[80];
        for (int week = 0; week < 70; week += 4) {
            series[week] = 10_000;
        }
        series[70] = 40_000;

        // then nothing is a spike, a drop or a level shift: a week without orders is normal for it
        assertThat(deviations.find(series, 0)).isEmpty();
        assertThat(Deviations.intermittent(series, 60)).isTrue();
    }

    @Test
    void aScaleOfAlmostNothingIsFloored() {
        // the past residuals all 0 and a baseline of 0: 5 % of the mean level, and one cent at least
        assertThat(Deviations.scale(List.of(0.0, 0.0, 0.0), 0, 2_500)).isEqualTo(125.0);
        assertThat(Deviations.scale(List.of(0.0, 0.0, 0.0), 0, 0)).isEqualTo(0.01);
    }

    @Test
    void anAccountOrderingFourWeeksInFiveIsJudged() {
        // given orders in four weeks of five (1.25 weeks per order), 1,000 each, then a week of 9,000
        double[] series = new double[41];
        for (int week = 0; week < 40; week++) {
            series[week] = week % 5 == 4 ? 0 : 1_000;
        }
        series[40] = 9_000;

        // then it is judged: the first week without orders once a scale is known (week 19; the ones
        // after it fall in the quiet weeks each one starts again), and the spike
        List<Deviations.Deviation> found = deviations.find(series, 0);
        assertThat(found).extracting(Deviations.Deviation::week, Deviations.Deviation::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(19, Deviations.Kind.DROP),
                org.assertj.core.groups.Tuple.tuple(40, Deviations.Kind.SPIKE));
    }

    @Test
    void aSteadySeriesRaisesNothingAndItsDropIsScoredByTheRobustScale() {
        // given 30 weeks alternating 1,000 and 1,100, then a week of 100
        double[] series = new double[31];
        for (int week = 0; week < 30; week++) {
            series[week] = week % 2 == 0 ? 1_000 : 1_100;
        }
        series[30] = 100;

        // then the drop is the only deviation; the baseline is the median of the last 8 weeks (1,050)
        // and the scale the larger of 1.4826 × MAD (74.13) and 5 % of the baseline (52.5)
        List<Deviations.Deviation> found = deviations.find(series, 0);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).kind()).isEqualTo(Deviations.Kind.DROP);
        assertThat(found.get(0).week()).isEqualTo(30);
        assertThat(found.get(0).baseline()).isEqualTo(1_050);
        assertThat(found.get(0).score()).isCloseTo(-950 / (1.4826 * 50), org.assertj.core.data.Offset.offset(1e-9));
    }
}
