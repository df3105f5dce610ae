package org.kam.account.tiering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tiering rule computed the slow, obvious way, straight from its text, in BigDecimal: the
 * reference the live engine is checked against.
 */
final class FromScratchTiering {

    record PastSale(String accountId, Instant occurredAt, BigDecimal amount) {
    }

    private FromScratchTiering() {
    }

    static Map<String, Tier> tiers(TieringRule rule, List<PastSale> sales, Map<String, int[]> assessments,
            Set<String> accounts) {
        Map<String, Tier> tiers = new TreeMap<>();
        accounts.forEach(a -> tiers.put(a, Tier.REGULAR));
        Instant clock = sales.stream().map(PastSale::occurredAt).max(Comparator.naturalOrder()).orElse(null);
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, BigDecimal> recent = new HashMap<>();
        if (clock != null) {
            Instant windowStart = clock.minus(rule.window());
            Instant recentStart = clock.minus(rule.recentWindow());
            for (PastSale sale : sales) {
                if (sale.occurredAt().isAfter(windowStart)) {
                    revenue.merge(sale.accountId(), sale.amount(), BigDecimal::add);
                    if (sale.occurredAt().isAfter(recentStart)) {
                        recent.merge(sale.accountId(), sale.amount(), BigDecimal::add);
                    }
                }
            }
        }
        List<String> ranked = new ArrayList<>(revenue.keySet().stream().filter(a -> revenue.get(a).signum() > 0).toList());
        ranked.sort(Comparator.<String, BigDecimal>comparing(revenue::get).reversed().thenComparing(Comparator.naturalOrder()));
        BigDecimal total = ranked.stream().map(revenue::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cut = total.multiply(rule.keyRevenueShare());
        BigDecimal before = BigDecimal.ZERO;
        for (String account : ranked) {
            if (before.compareTo(cut) < 0) {
                tiers.put(account, Tier.KEY);
            }
            before = before.add(revenue.get(account));
        }
        BigDecimal median = null;
        if (!ranked.isEmpty()) {
            List<BigDecimal> ascending = ranked.stream().map(revenue::get).sorted().toList();
            int n = ascending.size();
            median = n % 2 == 1 ? ascending.get(n / 2)
                    : ascending.get(n / 2 - 1).add(ascending.get(n / 2)).divide(BigDecimal.valueOf(2));
        }
        for (String account : accounts) {
            if (tiers.get(account) == Tier.KEY) {
                continue;
            }
            BigDecimal r = revenue.getOrDefault(account, BigDecimal.ZERO);
            boolean byGrowth = false;
            if (median != null && r.signum() > 0 && r.compareTo(median) >= 0) {
                BigDecimal rec = recent.getOrDefault(account, BigDecimal.ZERO);
                BigDecimal earlier = r.subtract(rec);
                byGrowth = earlier.signum() == 0 ? rec.signum() > 0
                        : rec.compareTo(earlier.multiply(rule.potentialGrowth())) >= 0;
            }
            int[] scores = assessments.get(account);
            boolean byAssessment = scores != null && scores.length > 0
                    && BigDecimal.valueOf(java.util.Arrays.stream(scores).sum())
                            .compareTo(rule.potentialAssessment().multiply(BigDecimal.valueOf(scores.length))) >= 0;
            if (byGrowth || byAssessment) {
                tiers.put(account, Tier.POTENTIAL);
            }
        }
        return tiers;
    }
}
