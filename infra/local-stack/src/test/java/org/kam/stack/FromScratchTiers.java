package org.kam.stack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
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
        record Ranked(String account, BigDecimal revenue) {
        }
        List<Ranked> ranked = new ArrayList<>();
        salesByAccount.forEach((account, sales) -> ranked.add(new Ranked(account,
                sales.stream().map(FaultRun.Sale::amount).reduce(BigDecimal.ZERO, BigDecimal::add))));
        ranked.removeIf(r -> r.revenue().signum() <= 0);
        ranked.sort(Comparator.comparing(Ranked::revenue).reversed().thenComparing(Ranked::account));
        BigDecimal total = ranked.stream().map(Ranked::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal keyShare = total.multiply(new BigDecimal("0.80"));
        int n = ranked.size();
        BigDecimal median = n == 0 ? BigDecimal.ZERO : n % 2 == 1 ? ranked.get(n / 2).revenue()
                : ranked.get(n / 2 - 1).revenue().add(ranked.get(n / 2).revenue()).divide(BigDecimal.valueOf(2));
        Map<String, String> tiers = new TreeMap<>();
        BigDecimal before = BigDecimal.ZERO;
        for (Ranked r : ranked) {
            String tier = before.compareTo(keyShare) < 0 ? "KEY" : r.revenue().compareTo(median) >= 0 ? "POTENTIAL" : "REGULAR";
            tiers.put(r.account(), tier);
            before = before.add(r.revenue());
        }
        return tiers;
    }
}
