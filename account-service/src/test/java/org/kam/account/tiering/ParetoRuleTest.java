package org.kam.account.tiering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParetoRuleTest {

    private final ParetoRule rule = new ParetoRule(new BigDecimal("0.80"));

    @Test
    void keyAccountsAreTheSmallestTopGroupReachingEightyPercentOfRevenue() {
        // given revenues 50, 30, 10, 6, 4 (total 100): 50 + 30 = 80 reaches 80 %
        Map<String, BigDecimal> revenue = revenue("A", 50, "B", 30, "C", 10, "D", 6, "E", 4);

        // when / then
        assertThat(rule.assign(revenue)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", Tier.KEY, "B", Tier.KEY, "C", Tier.REGULAR, "D", Tier.REGULAR, "E", Tier.REGULAR));
    }

    @Test
    void theAccountThatCrossesTheCutOffIsKey() {
        // given 40 + 30 = 70 < 80, so the third account (cumulative before it 70) is KEY too
        Map<String, BigDecimal> revenue = revenue("A", 40, "B", 30, "C", 20, "D", 10);

        assertThat(rule.assign(revenue)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", Tier.KEY, "B", Tier.KEY, "C", Tier.KEY, "D", Tier.REGULAR));
    }

    @Test
    void equalRevenuesAreRankedByAccountId() {
        // given five equal accounts (total 50, cut-off 40): A..D have 0, 10, 20, 30 before them,
        // E has 40, which is not below the cut-off
        Map<String, BigDecimal> revenue = revenue("E", 10, "B", 10, "D", 10, "A", 10, "C", 10);

        assertThat(rule.assign(revenue)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", Tier.KEY, "B", Tier.KEY, "C", Tier.KEY, "D", Tier.KEY, "E", Tier.REGULAR));
    }

    @Test
    void aSingleAccountWithRevenueIsKey() {
        assertThat(rule.assign(revenue("ONLY", 1))).containsExactlyEntriesOf(Map.of("ONLY", Tier.KEY));
    }

    @Test
    void accountsWithoutRevenueInTheWindowAreNeverKey() {
        Map<String, BigDecimal> revenue = revenue("A", 100, "B", 0);

        assertThat(rule.assign(revenue)).containsExactlyInAnyOrderEntriesOf(Map.of("A", Tier.KEY, "B", Tier.REGULAR));
    }

    @Test
    void aShareOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new ParetoRule(new BigDecimal("1.2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new ParetoRule(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, BigDecimal> revenue(Object... idsAndAmounts) {
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        for (int i = 0; i < idsAndAmounts.length; i += 2) {
            revenue.put((String) idsAndAmounts[i], BigDecimal.valueOf((Integer) idsAndAmounts[i + 1]));
        }
        return revenue;
    }
}
