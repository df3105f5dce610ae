package org.kam.account.tiering;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Why an account has its computed tier: its place in the ranking and every number the rule used.
 *
 * @param rank                  1 = highest revenue; null without revenue in the window
 * @param rankedAccounts        accounts with revenue in the window
 * @param share                 the account's share of the window's revenue
 * @param cumulativeShareBefore share of the accounts ranked above it (KEY while below the rule's share)
 * @param keyCutoffRevenue      the rule's share of the window's revenue
 * @param keyAccounts           how many accounts are KEY by revenue
 * @param medianRevenue         median revenue of ranked accounts; null when none
 * @param growth                recent / earlier revenue; null when there is no earlier revenue
 *                              (infinite if there is recent revenue)
 * @param assessmentAverage     mean of the supplier's 1–5 scores; null when not assessed
 * @param businessClock         the latest sale time seen
 */
public record TierExplanation(String accountId, Tier computedTier, Integer rank, int rankedAccounts,
        BigDecimal revenue, BigDecimal recentRevenue, BigDecimal earlierRevenue, BigDecimal windowRevenue,
        BigDecimal share, BigDecimal cumulativeShareBefore, BigDecimal keyCutoffRevenue, int keyAccounts,
        BigDecimal medianRevenue, BigDecimal growth, BigDecimal assessmentAverage, TieringRule rule,
        Instant businessClock) {
}
