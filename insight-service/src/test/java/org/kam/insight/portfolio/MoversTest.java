package org.kam.insight.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kam.insight.collection.Tier.KEY;
import static org.kam.insight.collection.Tier.POTENTIAL;
import static org.kam.insight.collection.Tier.REGULAR;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MoversTest {

    @Test
    void theLargestRisesAndFallsInMoneyComeFirstAndAnUnchangedAccountIsNoMover() {
        Map<String, BigDecimal> before = Map.of("A", new BigDecimal("30000"), "B", new BigDecimal("25000"),
                "F", new BigDecimal("1000"));
        Map<String, BigDecimal> now = Map.of("A", new BigDecimal("30000"), "C", new BigDecimal("10000"),
                "F", new BigDecimal("1500"));

        Movers.TopMovers movers = Movers.of(before, now, Map.of("A", KEY, "B", KEY, "C", POTENTIAL), 10);

        assertThat(movers.up()).containsExactly(
                new Movers.Mover("C", POTENTIAL, BigDecimal.ZERO, new BigDecimal("10000"), new BigDecimal("10000"), null),
                new Movers.Mover("F", REGULAR, new BigDecimal("1000"), new BigDecimal("1500"), new BigDecimal("500"), 0.5));
        assertThat(movers.down()).containsExactly(
                new Movers.Mover("B", KEY, new BigDecimal("25000"), BigDecimal.ZERO, new BigDecimal("-25000"), -1.0));
    }

    @Test
    void onlyTheLimitIsListedEachWay() {
        Movers.TopMovers movers = Movers.of(Map.of(), Map.of("A", BigDecimal.ONE, "B", BigDecimal.TEN), Map.of(), 1);

        assertThat(movers.up()).extracting(Movers.Mover::accountId).containsExactly("B");
        assertThat(movers.down()).isEmpty();
    }
}
