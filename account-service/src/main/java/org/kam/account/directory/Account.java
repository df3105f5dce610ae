package org.kam.account.directory;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.kam.account.tiering.Tier;

/**
 * A customer as the directory lists it: its master data, the supplier's assessment (1–5 each, null
 * when not assessed) and where it stands: {@code tier} is the effective tier (an override wins),
 * {@code computedTier} what the rule says, {@code windowRevenue} its revenue in the tiering window.
 */
public record Account(String id, String name, String industry, String region, String parentId, LocalDate openedOn,
        String owner, Integer financialStrength, Integer coreCompetence, Integer growthPotential, Tier tier,
        Tier computedTier, BigDecimal windowRevenue) {

    Account withStanding(Tier computed, BigDecimal revenue) {
        return new Account(id, name, industry, region, parentId, openedOn, owner, financialStrength, coreCompetence,
                growthPotential, tier, computed, revenue);
    }
}
