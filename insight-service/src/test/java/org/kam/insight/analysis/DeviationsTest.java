package org.kam.insight.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeviationsTest {

    private final Deviations deviations = new Deviations(3.5);

    @Test
    void anAccountThatOrdersEveryFourthWeekIsScoredAgainstItsMeanLevelNotAgainstAlmostNothing() {
        // given orders of 10,000 every fourth week: the baseline (median of 8 weeks) and the MAD are 0
        double[] series = new double[20];
        for (int week = 0; week < series.length; week += 4) {
            series[week] = 10_000;
        }

        // when the weeks are judged
        List<Deviations.Deviation> found = deviations.find(series, 0);

        // then the first order judged (week 16: 8 weeks for a baseline, 8 residuals for a scale) is a
        // spike scored against 5 % of the mean level before it (40,000 / 16 weeks = 2,500): 10,000 / 125,
        // and the next one (week 20 is outside the series) is not reached
        assertThat(found).containsExactly(new Deviations.Deviation(16, Deviations.Kind.SPIKE, 10_000, 0, 80.0));
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
