package org.kam.account.tiering;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 80/20 rule: rank accounts by revenue (descending, ties by id ascending); an account is KEY
 * when the revenue of the accounts ranked above it is still below {@code keyShare} of the total.
 * That makes KEY the smallest top group whose revenue reaches the share. Everyone else is REGULAR
 * here; POTENTIAL comes with the full rule.
 */
public final class ParetoRule {

    private final BigDecimal keyShare;

    public ParetoRule(BigDecimal keyShare) {
        if (keyShare.signum() <= 0 || keyShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("keyShare must be in (0, 1], was " + keyShare);
        }
        this.keyShare = keyShare;
    }

    public Map<String, Tier> assign(Map<String, BigDecimal> revenueByAccount) {
        List<Map.Entry<String, BigDecimal>> ranked = revenueByAccount.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        BigDecimal total = ranked.stream().map(Map.Entry::getValue)
                .filter(r -> r.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal keyCut = total.multiply(keyShare);
        Map<String, Tier> tiers = new HashMap<>();
        BigDecimal before = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> account : ranked) {
            boolean key = account.getValue().signum() > 0 && before.compareTo(keyCut) < 0;
            tiers.put(account.getKey(), key ? Tier.KEY : Tier.REGULAR);
            before = before.add(account.getValue().max(BigDecimal.ZERO));
        }
        return tiers;
    }
}
