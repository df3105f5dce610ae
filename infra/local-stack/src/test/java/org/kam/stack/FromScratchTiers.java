package org.kam.stack;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tiering rule computed from scratch for a fault-injection run, as the README states it, for
 * sales that all fall in the recent half-year of the window (growth is then infinite): KEY while the
 * revenue of the accounts ranked above is below 80 % of the total; POTENTIAL when not KEY and the
 * revenue is at least the median; REGULAR otherwise.
 */
final class FromScratchTiers {

    private FromScratchTiers() {
    }

    static Map<String, String> of(Map<String, List<FaultRun.Sale>> salesByAccount) {
        Map<String, BigDecimal> revenue = new TreeMap<>();
        salesByAccount.forEach((account, sales) -> revenue.put(account,
                sales.stream().map(FaultRun.Sale::amount).reduce(BigDecimal.ZERO, BigDecimal::add)));
        // Every sale is in the recent half-year: growth is infinite for every account with revenue.
        return DemoTiers.rank(revenue, account -> true);
    }
}
