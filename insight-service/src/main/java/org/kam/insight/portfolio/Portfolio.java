package org.kam.insight.portfolio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.kam.insight.collection.Tier;

/**
 * How revenue spreads over the accounts of one period (R4.2.3): the Pareto curve, the share of the
 * largest accounts, the Herfindahl–Hirschman index and the key accounts' share. Pure: the figures
 * come in, nothing is read or written here.
 */
public final class Portfolio {

    /** The top-N shares reported. */
    static final int[] TOP = { 1, 5, 10, 20 };

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final List<AccountRevenue> ranked;
    private final BigDecimal total;

    /** @param revenues one entry per account that bought in the period; accounts without revenue are left out */
    public Portfolio(List<AccountRevenue> revenues) {
        this.ranked = revenues.stream().filter(revenue -> revenue.amount().signum() > 0)
                // largest first; equal amounts by account id, so the same figures always rank alike
                .sorted(Comparator.comparing(AccountRevenue::amount).reversed().thenComparing(AccountRevenue::accountId))
                .toList();
        this.total = ranked.stream().map(AccountRevenue::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The Pareto curve: accounts by revenue, largest first, with the cumulative share of revenue they
     * make. At most {@code maxPoints} points are returned (the first 50 ranks, then evenly spaced
     * ranks, and always the last), enough for a chart of thousands of accounts.
     */
    public Pareto pareto(int maxPoints) {
        int n = ranked.size();
        List<ParetoPoint> points = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        Integer ranksFor80 = null;
        int head = Math.min(n, Math.min(50, maxPoints / 2));
        int step = Math.max(1, (int) Math.ceil((n - head) / (double) Math.max(1, maxPoints - head - 1)));
        for (int i = 0; i < n; i++) {
            AccountRevenue account = ranked.get(i);
            cumulative = cumulative.add(account.amount());
            double cumulativeShare = share(cumulative, total);
            if (ranksFor80 == null && cumulative.compareTo(total.multiply(new BigDecimal("0.8"))) >= 0) {
                ranksFor80 = i + 1;
            }
            int rank = i + 1;
            if (rank <= head || (rank - head) % step == 0 || rank == n) {
                points.add(new ParetoPoint(rank, account.accountId(), account.tier(), account.amount(),
                        round(rank / (double) n), cumulativeShare));
            }
        }
        return new Pareto(n, total, ranksFor80 == null ? 0 : ranksFor80,
                ranksFor80 == null ? null : round(ranksFor80 / (double) n), points);
    }

    /** The top-N shares, the HHI (0–10,000) and the key accounts' share of the period's revenue. */
    public Concentration concentration() {
        List<TopShare> top = new ArrayList<>();
        for (int n : TOP) {
            BigDecimal part = ranked.stream().limit(n).map(AccountRevenue::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            top.add(new TopShare(n, total.signum() == 0 ? null : share(part, total)));
        }
        double hhi = 0;
        for (AccountRevenue account : ranked) {
            double percent = account.amount().divide(total, PRECISION).doubleValue() * 100;
            hhi += percent * percent;
        }
        BigDecimal key = ranked.stream().filter(account -> account.tier() == Tier.KEY).map(AccountRevenue::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        long keyAccounts = ranked.stream().filter(account -> account.tier() == Tier.KEY).count();
        return new Concentration(ranked.size(), total, top, Math.round(hhi * 10) / 10.0, (int) keyAccounts, key,
                total.signum() == 0 ? null : share(key, total));
    }

    private static double share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? 0 : part.divide(whole, 4, RoundingMode.HALF_UP).doubleValue();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** @param tier the account's tier now */
    public record AccountRevenue(String accountId, Tier tier, BigDecimal amount) {
    }

    /**
     * @param accounts           accounts that bought in the period
     * @param ranksFor80         how many of the largest accounts make 80 % of the revenue
     * @param accountShareFor80  that as a share of the accounts (the "20" of 80/20); null without revenue
     */
    public record Pareto(int accounts, BigDecimal revenue, int ranksFor80, Double accountShareFor80,
            List<ParetoPoint> points) {
    }

    /** @param accountShare rank / accounts; @param cumulativeShare the revenue share of ranks 1…rank */
    public record ParetoPoint(int rank, String accountId, Tier tier, BigDecimal amount, double accountShare,
            double cumulativeShare) {
    }

    /**
     * @param hhi       Σ (each account's percentage share)², from near 0 (spread) to 10,000 (one account)
     * @param keyShare  the revenue share of accounts that are KEY now; null without revenue
     */
    public record Concentration(int accounts, BigDecimal revenue, List<TopShare> top, double hhi, int keyAccounts,
            BigDecimal keyRevenue, Double keyShare) {
    }

    /** @param share the revenue share of the {@code n} largest accounts; null without revenue */
    public record TopShare(int n, Double share) {
    }
}
