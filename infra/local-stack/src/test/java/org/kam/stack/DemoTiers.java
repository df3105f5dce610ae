package org.kam.stack;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiering rule of the README computed from scratch at a business time {@code T}, for checking the
 * demo's story: window {@code (T − 365 d, T]}; KEY while the revenue ranked above is below 80 % of the
 * total; POTENTIAL when not KEY, at least the median and growing 1.5-fold half-year on half-year (no
 * earlier revenue counts as infinite growth); REGULAR otherwise. No assessments, no overrides.
 */
final class DemoTiers {

    private DemoTiers() {
    }

    static Map<String, String> at(List<DemoData.Sale> sales, Instant t) {
        Instant windowStart = t.minus(Duration.ofDays(365));
        Instant recentStart = t.minus(Duration.ofDays(182));
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, BigDecimal> recent = new HashMap<>();
        for (DemoData.Sale sale : sales) {
            if (sale.occurredAt().isAfter(windowStart) && !sale.occurredAt().isAfter(t)) {
                revenue.merge(sale.accountId(), sale.amount(), BigDecimal::add);
                if (sale.occurredAt().isAfter(recentStart)) {
                    recent.merge(sale.accountId(), sale.amount(), BigDecimal::add);
                }
            }
        }
        return rank(revenue, account -> {
            BigDecimal late = recent.getOrDefault(account, BigDecimal.ZERO);
            BigDecimal early = revenue.get(account).subtract(late);
            return early.signum() == 0 ? late.signum() > 0 : late.compareTo(early.multiply(new BigDecimal("1.5"))) >= 0;
        });
    }

    /**
     * The ranking both oracles share: accounts with revenue, biggest first (ties by id); KEY while the
     * revenue ranked above is below 80 % of the total; POTENTIAL when not KEY, at least the median and
     * {@code growing}; REGULAR otherwise.
     */
    static Map<String, String> rank(Map<String, BigDecimal> revenue, java.util.function.Predicate<String> growing) {
        List<Map.Entry<String, BigDecimal>> ranked = new ArrayList<>(revenue.entrySet());
        ranked.removeIf(e -> e.getValue().signum() <= 0);
        ranked.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        BigDecimal total = ranked.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal keyShare = total.multiply(new BigDecimal("0.80"));
        int n = ranked.size();
        BigDecimal median = n == 0 ? BigDecimal.ZERO : n % 2 == 1 ? ranked.get(n / 2).getValue()
                : ranked.get(n / 2 - 1).getValue().add(ranked.get(n / 2).getValue()).divide(BigDecimal.valueOf(2));
        Map<String, String> tiers = new java.util.TreeMap<>();
        BigDecimal before = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> account : ranked) {
            String tier = before.compareTo(keyShare) < 0 ? "KEY"
                    : account.getValue().compareTo(median) >= 0 && growing.test(account.getKey()) ? "POTENTIAL" : "REGULAR";
            tiers.put(account.getKey(), tier);
            before = before.add(account.getValue());
        }
        return tiers;
    }

    /** How many accounts hold each tier at {@code t}. */
    static Map<String, Long> counts(Map<String, String> tiers) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        tiers.values().forEach(tier -> counts.merge(tier, 1L, Long::sum));
        return counts;
    }

}
