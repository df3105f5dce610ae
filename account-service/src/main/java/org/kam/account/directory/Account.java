package org.kam.account.directory;

import java.math.BigDecimal;

import org.kam.account.tiering.Tier;

/** A customer as the directory shows it: who it is and where it stands. */
public record Account(String id, String name, String industry, String region, Tier tier, Tier computedTier,
        BigDecimal windowRevenue) {

    Account withStanding(Tier computed, BigDecimal revenue) {
        return new Account(id, name, industry, region, tier, computed, revenue);
    }
}
