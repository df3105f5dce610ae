package org.kam.account.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kam.account.tiering.TieringEngine.TierShift;

/** The rule on small, readable histories (the property test covers random ones). */
class TieringEngineTest {

    private static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TieringEngine engine = new TieringEngine(TieringRule.DEFAULT);

    @Test
    void keyAccountsAreTheSmallestTopGroupReachingEightyPercentOfRevenue() {
        // given revenues 50, 30, 10, 6, 4 (total 100): 50 + 30 reaches 80 %
        sell("A", 50, 0);
        sell("B", 30, 0);
        sell("C", 10, 0);
        sell("D", 6, 0);
        sell("E", 4, 0);

        // then A and B are KEY; C (10, the median, all revenue recent: infinite growth) is POTENTIAL
        assertThat(tiers("A", "B", "C", "D", "E")).isEqualTo(Map.of(
                "A", Tier.KEY, "B", Tier.KEY, "C", Tier.POTENTIAL, "D", Tier.REGULAR, "E", Tier.REGULAR));
    }

    @Test
    void theAccountThatCrossesTheCutOffIsKeyAndEqualRevenuesRankByAccountId() {
        // five equal accounts (total 50, cut 40): A..D have 0, 10, 20, 30 before them, E has 40
        for (String id : List.of("E", "B", "D", "A", "C")) {
            sell(id, 10, 0);
        }

        assertThat(tiers("A", "B", "C", "D", "E")).containsEntry("D", Tier.KEY).containsEntry("E", Tier.POTENTIAL)
                .containsEntry("A", Tier.KEY);
    }

    @Test
    void aSaleReportsExactlyTheChangesItCauses() {
        sell("A", 100, 0);

        List<TierShift> shifts = sell("B", 400, 1);

        // B takes the top; A (100 of 500: 20 % before B's 80 %... A is ranked second with 400 before it) drops
        assertThat(shifts).containsExactlyInAnyOrder(
                new TierShift("B", Tier.REGULAR, Tier.KEY, false),
                new TierShift("A", Tier.KEY, Tier.REGULAR, false));
    }

    @Test
    void salesLeaveTheWindowWhenTheClockMovesOnAndTheChangeIsPutDownToTheClock() {
        // given A sold a year ago and B sells now
        sell("A", 1000, 0);
        sell("B", 10, 200);

        // when a sale 366 days after A's moves the business clock past A's sale
        List<TierShift> shifts = sell("C", 1, 366);

        // then A has no revenue in the window any more
        assertThat(engine.revenueOf("A")).isZero();
        assertThat(shifts).contains(new TierShift("A", Tier.KEY, Tier.REGULAR, true));
        assertThat(engine.tierOf("B")).isEqualTo(Tier.KEY);
    }

    @Test
    void aSaleOlderThanTheWindowCountsForNothing() {
        sell("A", 10, 400);

        List<TierShift> shifts = sell("B", 1_000_000, 0);

        assertThat(shifts).isEmpty();
        assertThat(engine.revenueOf("B")).isZero();
        assertThat(engine.tierOf("B")).isEqualTo(Tier.REGULAR);
    }

    @Test
    void aGrowingAccountAtOrAboveTheMedianIsPotential() {
        // given ten accounts, K dominating; G earned 10 in the earlier half and 20 in the recent half
        sell("K", 10_000, 300);
        for (String id : List.of("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8")) {
            sell(id, 5, 100);
            sell(id, 5, 300);
        }
        sell("G", 10, 100);
        sell("G", 20, 300);

        // then growth 2.0 >= 1.5 and revenue 30 >= median 10 make G POTENTIAL; the flat ones are not
        assertThat(engine.tierOf("G")).isEqualTo(Tier.POTENTIAL);
        assertThat(engine.tierOf("R1")).isEqualTo(Tier.REGULAR);
        TierExplanation explanation = engine.explain("G");
        assertThat(explanation.growth()).isEqualByComparingTo("2.0");
        assertThat(explanation.medianRevenue()).isEqualByComparingTo("10");
        assertThat(explanation.rank()).isEqualTo(2);
    }

    @Test
    void aWellAssessedAccountIsPotentialWithoutAnySales() {
        List<TierShift> shifts = engine.assess("NEW", 5, 4, 3);

        assertThat(shifts).containsExactly(new TierShift("NEW", Tier.REGULAR, Tier.POTENTIAL, false));
        assertThat(engine.assess("NEW", 4, 4, 3)).containsExactly(new TierShift("NEW", Tier.POTENTIAL, Tier.REGULAR, false));
    }

    @Test
    void explainsTheRankingAndTheCutOff() {
        sell("A", 60, 0);
        sell("B", 40, 0);

        TierExplanation b = engine.explain("B");

        assertThat(b.rank()).isEqualTo(2);
        assertThat(b.share()).isEqualByComparingTo("0.4");
        assertThat(b.cumulativeShareBefore()).isEqualByComparingTo("0.6");
        assertThat(b.keyCutoffRevenue()).isEqualByComparingTo("80");
        assertThat(b.keyAccounts()).isEqualTo(2);
        assertThat(b.computedTier()).isEqualTo(Tier.KEY);
        assertThat(b.businessClock()).isEqualTo(DAY_0);
        assertThat(engine.paretoCurve(2)).extracting(TieringEngine.CurvePoint::revenueShare)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.6"), BigDecimal.ONE);
    }

    private List<TierShift> sell(String account, long amount, int day) {
        return engine.recordSale(account, DAY_0.plus(Duration.ofDays(day)), Money.toUnits(BigDecimal.valueOf(amount)));
    }

    private Map<String, Tier> tiers(String... accounts) {
        var tiers = new java.util.LinkedHashMap<String, Tier>();
        for (String account : accounts) {
            tiers.put(account, engine.tierOf(account));
        }
        return tiers;
    }
}
