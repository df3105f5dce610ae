package org.kam.insight.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kam.insight.collection.Tier.KEY;
import static org.kam.insight.collection.Tier.POTENTIAL;
import static org.kam.insight.collection.Tier.REGULAR;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kam.insight.collection.Tier;

class PortfolioTest {

    private static Portfolio.AccountRevenue account(String id, Tier tier, String amount) {
        return new Portfolio.AccountRevenue(id, tier, new BigDecimal(amount));
    }

    private final Portfolio fourAccounts = new Portfolio(List.of(account("D", REGULAR, "5000"),
            account("B", KEY, "25000"), account("A", KEY, "60000"), account("C", POTENTIAL, "10000"),
            account("NOTHING", REGULAR, "0")));

    @Test
    void theParetoCurveRanksAccountsLargestFirstAndSaysHowFewMakeEightyPercent() {
        Portfolio.Pareto pareto = fourAccounts.pareto(200);

        assertThat(pareto.accounts()).isEqualTo(4);
        assertThat(pareto.revenue()).isEqualByComparingTo("100000");
        assertThat(pareto.ranksFor80()).isEqualTo(2);
        assertThat(pareto.accountShareFor80()).isEqualTo(0.5);
        assertThat(pareto.points()).containsExactly(
                new Portfolio.ParetoPoint(1, "A", KEY, new BigDecimal("60000"), 0.25, 0.6),
                new Portfolio.ParetoPoint(2, "B", KEY, new BigDecimal("25000"), 0.5, 0.85),
                new Portfolio.ParetoPoint(3, "C", POTENTIAL, new BigDecimal("10000"), 0.75, 0.95),
                new Portfolio.ParetoPoint(4, "D", REGULAR, new BigDecimal("5000"), 1.0, 1.0));
    }

    @Test
    void concentrationGivesTopSharesTheHerfindahlIndexAndTheKeyAccountsShare() {
        Portfolio.Concentration concentration = fourAccounts.concentration();

        assertThat(concentration.top()).containsExactly(new Portfolio.TopShare(1, 0.6), new Portfolio.TopShare(5, 1.0),
                new Portfolio.TopShare(10, 1.0), new Portfolio.TopShare(20, 1.0));
        assertThat(concentration.hhi()).isEqualTo(3600 + 625 + 100 + 25);
        assertThat(concentration.keyAccounts()).isEqualTo(2);
        assertThat(concentration.keyRevenue()).isEqualByComparingTo("85000");
        assertThat(concentration.keyShare()).isEqualTo(0.85);
    }

    @Test
    void aLongTailIsThinnedToTheHeadEvenlySpacedRanksAndTheLast() {
        List<Portfolio.AccountRevenue> thousand = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            thousand.add(account("A%04d".formatted(i), REGULAR, String.valueOf(1001 - i)));
        }

        Portfolio.Pareto pareto = new Portfolio(thousand).pareto(100);

        assertThat(pareto.points()).hasSizeLessThanOrEqualTo(100);
        assertThat(pareto.points().subList(0, 50)).extracting(Portfolio.ParetoPoint::rank)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList());
        assertThat(pareto.points().get(pareto.points().size() - 1).rank()).isEqualTo(1000);
        assertThat(pareto.points().get(pareto.points().size() - 1).cumulativeShare()).isEqualTo(1.0);
    }

    @Test
    void noRevenueGivesAnEmptyCurveAndNoShares() {
        Portfolio empty = new Portfolio(List.of());

        assertThat(empty.pareto(200).points()).isEmpty();
        assertThat(empty.pareto(200).accountShareFor80()).isNull();
        assertThat(empty.concentration().keyShare()).isNull();
        assertThat(empty.concentration().top()).extracting(Portfolio.TopShare::share).containsOnlyNulls();
        assertThat(empty.concentration().hhi()).isZero();
    }
}
