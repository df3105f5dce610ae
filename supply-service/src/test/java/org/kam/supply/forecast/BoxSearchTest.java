package org.kam.supply.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxSearchTest {

    @Test
    void findsTheMinimumBetweenTheGridPointsToWithinTheLastStep() {
        // given (x - 0.337)^2 + (y - 0.62)^2 and a grid of 0.1, 0.5, 0.9 in both
        double[] best = BoxSearch.minimise(p -> Math.pow(p[0] - 0.337, 2) + Math.pow(p[1] - 0.62, 2),
                new double[] { 0, 0 }, new double[] { 1, 1 }, new double[][] { { 0.1, 0.5, 0.9 }, { 0.1, 0.5, 0.9 } });

        assertThat(best[0]).isCloseTo(0.337, within(BoxSearch.LAST_STEP));
        assertThat(best[1]).isCloseTo(0.62, within(BoxSearch.LAST_STEP));
    }

    @Test
    void staysWithinTheBoundsWhenTheMinimumLiesOutside() {
        double[] best = BoxSearch.minimise(p -> Math.pow(p[0] - 2, 2), new double[] { 0.8 }, new double[] { 0.98 },
                new double[][] { { 0.8, 0.9 } });

        assertThat(best[0]).isEqualTo(0.98);
    }

    @Test
    void pointsWithAnInfiniteValueAreNeverChosen() {
        // given a minimum at 0.5 that is forbidden above 0.4
        double[] best = BoxSearch.minimise(p -> p[0] > 0.4 ? Double.POSITIVE_INFINITY : Math.pow(p[0] - 0.5, 2),
                new double[] { 0 }, new double[] { 1 }, new double[][] { { 0.1, 0.6 } });

        assertThat(best[0]).isLessThanOrEqualTo(0.4).isCloseTo(0.4, within(BoxSearch.LAST_STEP));
    }
}
