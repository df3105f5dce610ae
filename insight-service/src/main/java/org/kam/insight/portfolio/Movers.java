package org.kam.insight.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kam.insight.collection.Tier;

/**
 * Top movers (R4.2.3): the accounts whose revenue rose or fell most between two periods of the same
 * length, in money. Pure.
 */
public final class Movers {

    private Movers() {
    }

    /**
     * @param previous revenue per account in the earlier period
     * @param current  revenue per account in the later one
     * @param tiers    each account's tier now (REGULAR when absent)
     */
    public static TopMovers of(Map<String, BigDecimal> previous, Map<String, BigDecimal> current, Map<String, Tier> tiers,
            int limit) {
        Set<String> accounts = new HashSet<>(previous.keySet());
        accounts.addAll(current.keySet());
        List<Mover> all = accounts.stream().map(account -> {
            BigDecimal before = previous.getOrDefault(account, BigDecimal.ZERO);
            BigDecimal now = current.getOrDefault(account, BigDecimal.ZERO);
            BigDecimal change = now.subtract(before);
            return new Mover(account, tiers.getOrDefault(account, Tier.REGULAR), before, now, change,
                    before.signum() == 0 ? null : change.divide(before, 4, RoundingMode.HALF_UP).doubleValue());
        }).filter(mover -> mover.change().signum() != 0).toList();
        Comparator<Mover> byChange = Comparator.comparing(Mover::change);
        return new TopMovers(
                all.stream().filter(mover -> mover.change().signum() > 0)
                        .sorted(byChange.reversed().thenComparing(Mover::accountId)).limit(limit).toList(),
                all.stream().filter(mover -> mover.change().signum() < 0)
                        .sorted(byChange.thenComparing(Mover::accountId)).limit(limit).toList());
    }

    /** @param up the largest rises first; @param down the largest falls first */
    public record TopMovers(List<Mover> up, List<Mover> down) {
    }

    /** @param changeShare change / previous (e.g. -0.42); null for an account new in the later period */
    public record Mover(String accountId, Tier tier, BigDecimal previous, BigDecimal current, BigDecimal change,
            Double changeShare) {
    }
}
