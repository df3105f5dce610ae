package org.kam.insight.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kam.insight.analysis.Deviations.Deviation;
import org.kam.insight.analysis.Deviations.Kind;

/**
 * Precision and recall of {@link Deviations} on a labelled synthetic set: three years of weekly
 * sales with a yearly season (±30 %), a slow trend and 8 % noise; two thirds of the series get one
 * injected break in their third year — a one-week spike (×2), a one-week drop (×0.3) or a level
 * shift (×0.6 from then on). A break is found when a deviation of its kind is reported within six
 * weeks of it; every other report is a false alarm. Fixed seed: the same numbers on every run
 * (docs/benchmarks/2026-12-02-market-signals.md).
 */
class DeviationsMeasuredOnSyntheticBreaksTest {

    private static final int SERIES = 600;
    private static final int WEEKS = 156;
    private static final int JUDGED_FROM = 60;

    private final Deviations deviations = new Deviations(3.5);

    @Test
    void spikesDropsAndLevelShiftsAreFoundWithFewFalseAlarms() {
        Random random = new Random(20_261_202L);
        int[] breaks = new int[3];
        int[] found = new int[3];
        int alarms = 0;
        int falseAlarms = 0;
        int quietSeries = 0;
        int quietWithAlarm = 0;
        for (int s = 0; s < SERIES; s++) {
            double[] y = seasonal(random);
            int type = random.nextInt(3) - (s % 3 == 0 ? 3 : 0); // a third of the series stay unbroken
            int at = 104 + random.nextInt(40);
            if (type == 0) {
                y[at] *= 2.0;
            } else if (type == 1) {
                y[at] *= 0.3;
            } else if (type == 2) {
                for (int t = at; t < WEEKS; t++) {
                    y[t] *= 0.6;
                }
            }
            List<Deviation> reported = deviations.find(y, JUDGED_FROM);
            alarms += reported.size();
            if (type < 0) {
                quietSeries++;
                quietWithAlarm += reported.isEmpty() ? 0 : 1;
                falseAlarms += reported.size();
                continue;
            }
            breaks[type]++;
            Kind expected = type == 0 ? Kind.SPIKE : type == 1 ? Kind.DROP : Kind.LEVEL_DOWN;
            boolean hit = false;
            for (Deviation d : reported) {
                boolean matches = d.week() >= at && d.week() <= at + 6
                        && (d.kind() == expected || type == 2 && d.kind() == Kind.DROP);
                if (matches && !hit) {
                    hit = true;
                } else if (!matches || hit) {
                    falseAlarms += matches ? 0 : 1;
                }
            }
            found[type] += hit ? 1 : 0;
        }
        double precision = (alarms - falseAlarms) / (double) alarms;
        double recall = (found[0] + found[1] + found[2]) / (double) (breaks[0] + breaks[1] + breaks[2]);
        System.out.printf("spikes %d/%d, drops %d/%d, level shifts %d/%d; alarms %d, false %d; "
                + "unbroken series with an alarm %d/%d; precision %.3f recall %.3f%n", found[0], breaks[0], found[1],
                breaks[1], found[2], breaks[2], alarms, falseAlarms, quietWithAlarm, quietSeries, precision, recall);

        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.9);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void aSteadySeasonalSeriesRaisesNothing() {
        double[] y = new double[WEEKS];
        for (int t = 0; t < WEEKS; t++) {
            y[t] = 1000 * (1 + 0.3 * Math.sin(2 * Math.PI * t / 52.0));
        }

        assertThat(deviations.find(y, JUDGED_FROM)).isEmpty();
    }

    @Test
    void aSuddenDropIsReportedInItsWeekWithItsBaselineAndScore() {
        double[] y = new double[WEEKS];
        Random noise = new Random(7);
        for (int t = 0; t < WEEKS; t++) {
            y[t] = 1000 * (1 + 0.3 * Math.sin(2 * Math.PI * t / 52.0)) * (1 + 0.05 * noise.nextGaussian());
        }
        y[120] = 200;

        List<Deviation> found = deviations.find(y, JUDGED_FROM);

        assertThat(found).extracting(Deviation::week, Deviation::kind).contains(org.assertj.core.groups.Tuple.tuple(120, Kind.DROP));
        Deviation drop = found.stream().filter(d -> d.week() == 120).findFirst().orElseThrow();
        assertThat(drop.baseline()).isBetween(600.0, 1400.0);
        assertThat(drop.score()).isLessThanOrEqualTo(-3.5);
        assertThat(drop.size()).isNegative();
    }

    private static double[] seasonal(Random random) {
        double level = 500 + random.nextDouble() * 5000;
        double phase = random.nextDouble() * 2 * Math.PI;
        double trend = (random.nextDouble() - 0.5) * 0.004;
        double[] y = new double[WEEKS];
        for (int t = 0; t < WEEKS; t++) {
            double season = 1 + 0.3 * Math.sin(2 * Math.PI * t / 52.0 + phase);
            y[t] = Math.max(0, level * season * (1 + trend * t) * (1 + 0.08 * random.nextGaussian()));
        }
        return y;
    }
}
