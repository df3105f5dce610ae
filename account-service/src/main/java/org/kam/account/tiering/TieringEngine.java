package org.kam.account.tiering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.kam.account.tiering.RevenueRanking.Position;

/**
 * Applies the {@link TieringRule} live and incrementally: each sale updates the accounts it
 * touches, the window's moving edges retire old sales, and only the accounts whose tier can have
 * changed are looked at again. Those are the touched accounts, the accounts between the old and
 * the new KEY cut in the ranking, and the accounts between the old and the new median revenue:
 * O(log n + changes) per sale instead of a pass over every account.
 *
 * <p>Money is in units of 1/10,000 of the base currency. Not thread-safe: one writer at a time.
 */
public final class TieringEngine {

    /** No median while no account has revenue: nobody qualifies by growth. */
    private static final long NO_MEDIAN = Long.MAX_VALUE;

    private final Map<String, AccountState> accounts = new HashMap<>();
    private final RevenueRanking ranking = new RevenueRanking();
    private final PriorityQueue<WindowSale> leavingRecent = new PriorityQueue<>();
    private final PriorityQueue<WindowSale> leavingWindow = new PriorityQueue<>();
    private final EnumMap<Tier, Integer> counts = new EnumMap<>(Tier.class);
    private final TieringRule rule;
    private final long windowMicros;
    private final long recentMicros;
    private final Ratio keyShare;
    private final Ratio growth;
    private final Ratio assessment;

    private long clock = Long.MIN_VALUE;
    /** While history loads, ranking waits: one treap insert per account instead of one per sale. */
    private final Set<AccountState> unrankedWhileLoading = new LinkedHashSet<>();
    private boolean loading;
    private Position keyBoundary;
    private long medianTimesTwo = NO_MEDIAN;

    public TieringEngine(TieringRule rule) {
        this.rule = rule;
        this.windowMicros = TimeUnit.SECONDS.toMicros(rule.window().toSeconds());
        this.recentMicros = TimeUnit.SECONDS.toMicros(rule.recentWindow().toSeconds());
        this.keyShare = Ratio.of(rule.keyRevenueShare());
        this.growth = Ratio.of(rule.potentialGrowth());
        this.assessment = Ratio.of(rule.potentialAssessment());
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0);
        }
    }

    public TieringRule rule() {
        return rule;
    }

    /** The business clock: the latest sale time seen, or null before the first sale. */
    public Instant clock() {
        return clock == Long.MIN_VALUE ? null : toInstant(clock);
    }

    // --- loading -----------------------------------------------------------------------------

    /**
     * Declares an account with the tier the world was last told, before history is loaded. Call
     * {@link #reconcile()} after loading to learn where the rule now disagrees.
     */
    public void declare(String accountId, Tier announcedTier) {
        AccountState account = account(accountId);
        counts.merge(account.tier, -1, Integer::sum);
        account.tier = announcedTier;
        counts.merge(announcedTier, 1, Integer::sum);
    }

    /** Adds a past sale without re-tiering; follow a batch of these with {@link #reconcile()}. */
    public void load(String accountId, Instant occurredAt, long amountUnits) {
        loading = true;
        AccountState account = account(accountId);
        long time = micros(occurredAt);
        if (time > clock) {
            clock = time;
        }
        unrank(account);
        addToWindow(account, time, amountUnits);
        rank(account);
        retireOldSales(new LinkedHashSet<>());
    }

    /** Re-evaluates every account (after loading, or with a new rule) and returns the differences. */
    public List<TierShift> reconcile() {
        finishLoading();
        refreshThresholds();
        List<TierShift> shifts = new ArrayList<>();
        for (AccountState account : accounts.values()) {
            evaluate(account, false, shifts);
        }
        return shifts;
    }

    // --- live changes ------------------------------------------------------------------------

    /** An account now known (e.g. registered in the directory) starts REGULAR unless assessed. */
    public List<TierShift> register(String accountId) {
        List<TierShift> shifts = new ArrayList<>();
        evaluate(account(accountId), false, shifts);
        return shifts;
    }

    /** Records one sale and returns the tier changes it causes, in no particular order. */
    public List<TierShift> recordSale(String accountId, Instant occurredAt, long amountUnits) {
        if (amountUnits < 0) {
            throw new IllegalArgumentException("amount must be 0 or more");
        }
        finishLoading();
        AccountState account = account(accountId);
        Position oldBoundary = keyBoundary;
        long oldMedian = medianTimesTwo;

        long time = micros(occurredAt);
        if (time > clock) {
            clock = time;
        }
        Set<AccountState> touchedByClock = new LinkedHashSet<>();
        unrank(account);
        addToWindow(account, time, amountUnits);
        rank(account);
        retireOldSales(touchedByClock);
        refreshThresholds();

        Set<AccountState> candidates = new LinkedHashSet<>();
        candidates.add(account);
        candidates.addAll(touchedByClock);
        addAccountsBetween(oldBoundary, keyBoundary, candidates);
        addAccountsBetweenMedians(oldMedian, medianTimesTwo, candidates);

        List<TierShift> shifts = new ArrayList<>();
        for (AccountState candidate : candidates) {
            evaluate(candidate, candidate != account && touchedByClock.contains(candidate), shifts);
        }
        return shifts;
    }

    /**
     * The supplier's assessment of an account (each 1–5, or null when not assessed); only that
     * account's tier can change.
     */
    public List<TierShift> assess(String accountId, Integer financialStrength, Integer coreCompetence,
            Integer growthPotential) {
        finishLoading();
        AccountState account = account(accountId);
        setAssessment(account, financialStrength, coreCompetence, growthPotential);
        List<TierShift> shifts = new ArrayList<>();
        evaluate(account, false, shifts);
        return shifts;
    }

    /** Whether the engine holds the account (declared, registered or seen in a sale). */
    public boolean knows(String accountId) {
        return accounts.containsKey(accountId);
    }

    /** An assessment known before history is loaded; no re-tiering until {@link #reconcile()}. */
    public void loadAssessment(String accountId, Integer financialStrength, Integer coreCompetence,
            Integer growthPotential) {
        setAssessment(account(accountId), financialStrength, coreCompetence, growthPotential);
    }

    private static void setAssessment(AccountState account, Integer... scores) {
        account.assessmentSum = 0;
        account.assessmentCount = 0;
        for (Integer score : scores) {
            if (score != null) {
                account.assessmentSum += score;
                account.assessmentCount++;
            }
        }
    }


    // --- reading -----------------------------------------------------------------------------

    public Tier tierOf(String accountId) {
        AccountState account = accounts.get(accountId);
        return account == null ? null : account.tier;
    }

    /** Window revenue of an account, in units of 1/10,000. */
    public long revenueOf(String accountId) {
        AccountState account = accounts.get(accountId);
        return account == null ? 0 : account.revenue;
    }

    public Map<Tier, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Everything the rule looked at for one account; null when the account is unknown. */
    public TierExplanation explain(String accountId) {
        AccountState account = accounts.get(accountId);
        if (account == null) {
            return null;
        }
        long total = ranking.total();
        RevenueRanking.Standing standing = account.ranked ? ranking.standingOf(account) : null;
        Integer rank = standing == null ? null : standing.rank() + 1;
        Long before = standing == null ? null : standing.revenueBefore();
        Integer keyCount = keyBoundary == null ? 0 : ranking.countBelowCut(this::belowCut);
        BigDecimal median = medianTimesTwo == NO_MEDIAN ? null
                : Money.toDecimal(medianTimesTwo).divide(BigDecimal.valueOf(2));
        return new TierExplanation(account.id, account.tier, rank, ranking.size(), Money.toDecimal(account.revenue),
                Money.toDecimal(account.recentRevenue), Money.toDecimal(account.earlierRevenue()), Money.toDecimal(total),
                Money.share(account.revenue, total), before == null ? null : Money.share(before, total),
                keyShare.times(Money.toDecimal(total)), keyCount, median, growthOf(account),
                account.assessmentCount == 0 ? null
                        : BigDecimal.valueOf(account.assessmentSum).divide(BigDecimal.valueOf(account.assessmentCount),
                                2, java.math.RoundingMode.HALF_EVEN),
                rule, clock());
    }

    /**
     * The Pareto curve: for up to {@code points} evenly spaced cut-offs, the share of ranked
     * accounts (from the top) and the share of revenue they hold.
     */
    public List<CurvePoint> paretoCurve(int points) {
        int n = ranking.size();
        long total = ranking.total();
        List<CurvePoint> curve = new ArrayList<>();
        if (n == 0 || total == 0) {
            return curve;
        }
        int steps = Math.min(points, n);
        for (int step = 1; step <= steps; step++) {
            int top = (int) ((long) n * step / steps);
            curve.add(new CurvePoint(top, Money.share(top, n), Money.share(ranking.revenueOfTop(top), total)));
        }
        return curve;
    }

    public int rankedAccounts() {
        return ranking.size();
    }

    public BigDecimal windowRevenue() {
        return Money.toDecimal(ranking.total());
    }

    // --- internals ---------------------------------------------------------------------------

    private AccountState account(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> {
            counts.merge(Tier.REGULAR, 1, Integer::sum);
            return new AccountState(id);
        });
    }

    private void addToWindow(AccountState account, long time, long amount) {
        if (time <= clock - windowMicros) {
            return; // older than the window: it counts for nothing any more
        }
        WindowSale sale = new WindowSale(time, account, amount);
        account.revenue += amount;
        leavingWindow.add(sale);
        if (time > clock - recentMicros) {
            account.recentRevenue += amount;
            leavingRecent.add(sale);
        }
    }

    /** Moves sales across the window's edges after the clock moved. */
    private void retireOldSales(Set<AccountState> touched) {
        long recentStart = clock - recentMicros;
        while (!leavingRecent.isEmpty() && leavingRecent.peek().time() <= recentStart) {
            WindowSale sale = leavingRecent.poll();
            sale.account().recentRevenue -= sale.amount();
            touched.add(sale.account());
        }
        long windowStart = clock - windowMicros;
        while (!leavingWindow.isEmpty() && leavingWindow.peek().time() <= windowStart) {
            WindowSale sale = leavingWindow.poll();
            AccountState account = sale.account();
            unrank(account);
            account.revenue -= sale.amount();
            rank(account);
            touched.add(account);
        }
    }

    private void unrank(AccountState account) {
        if (account.ranked) {
            ranking.remove(account);
        }
    }

    private void finishLoading() {
        if (loading) {
            loading = false;
            unrankedWhileLoading.forEach(this::rank);
            unrankedWhileLoading.clear();
        }
    }

    private void rank(AccountState account) {
        if (loading) {
            unrankedWhileLoading.add(account);
        } else if (account.revenue > 0 && !account.ranked) {
            ranking.add(account);
        }
    }

    private boolean belowCut(long cumulativeBefore) {
        return keyShare.exceeds(cumulativeBefore, ranking.total());
    }

    private void refreshThresholds() {
        int keys = ranking.countBelowCut(this::belowCut);
        keyBoundary = keys == 0 ? null : Position.of(ranking.at(keys - 1));
        int n = ranking.size();
        if (n == 0) {
            medianTimesTwo = NO_MEDIAN;
        } else if (n % 2 == 1) {
            medianTimesTwo = 2 * ranking.at(n / 2).revenue;
        } else {
            medianTimesTwo = ranking.at(n / 2 - 1).revenue + ranking.at(n / 2).revenue;
        }
    }

    /**
     * Untouched accounts keep their place in the ranking, so one whose KEY status flipped lies
     * between the old and the new last KEY position.
     */
    private void addAccountsBetween(Position oldBoundary, Position newBoundary, Set<AccountState> into) {
        if (oldBoundary == null && newBoundary == null) {
            return;
        }
        Position upper;
        Position lower;
        if (oldBoundary == null || newBoundary == null) {
            upper = null;
            lower = oldBoundary == null ? newBoundary : oldBoundary;
        } else if (RevenueRanking.compare(oldBoundary.revenue(), oldBoundary.id(), node(newBoundary)) <= 0) {
            upper = oldBoundary;
            lower = newBoundary;
        } else {
            upper = newBoundary;
            lower = oldBoundary;
        }
        ranking.forEachBetween(upper, lower, into::add);
    }

    /** Likewise, an untouched account whose "at least the median" flipped has revenue between the two medians. */
    private void addAccountsBetweenMedians(long oldMedian, long newMedian, Set<AccountState> into) {
        if (oldMedian == newMedian) {
            return;
        }
        long low = Math.min(oldMedian, newMedian);
        long high = Math.max(oldMedian, newMedian);
        // revenue r flips when low <= 2r < high
        long highestRevenue = high == NO_MEDIAN ? Long.MAX_VALUE : (high - 1) / 2;
        long lowestRevenue = (low + 1) / 2;
        if (highestRevenue < lowestRevenue) {
            return;
        }
        ranking.forEachBetween(new Position(highestRevenue, ""), new Position(lowestRevenue - 1, ""), into::add);
    }

    private static AccountState node(Position position) {
        AccountState probe = new AccountState(position.id());
        probe.revenue = position.revenue();
        return probe;
    }

    private void evaluate(AccountState account, boolean byClock, List<TierShift> shifts) {
        Tier now = tierFor(account);
        if (now != account.tier) {
            shifts.add(new TierShift(account.id, account.tier, now, byClock));
            counts.merge(account.tier, -1, Integer::sum);
            counts.merge(now, 1, Integer::sum);
            account.tier = now;
        }
    }

    private Tier tierFor(AccountState account) {
        if (account.ranked && keyBoundary != null
                && RevenueRanking.compare(keyBoundary.revenue(), keyBoundary.id(), account) >= 0) {
            return Tier.KEY;
        }
        if (account.ranked && medianTimesTwo != NO_MEDIAN && account.revenue >= medianTimesTwo - account.revenue
                && grows(account)) {
            return Tier.POTENTIAL;
        }
        if (account.assessmentCount > 0 && assessment.isReachedBy(account.assessmentSum, account.assessmentCount)) {
            return Tier.POTENTIAL;
        }
        return Tier.REGULAR;
    }

    private boolean grows(AccountState account) {
        long earlier = account.earlierRevenue();
        if (earlier == 0) {
            return account.recentRevenue > 0;
        }
        return growth.isReachedBy(account.recentRevenue, earlier);
    }

    private BigDecimal growthOf(AccountState account) {
        long earlier = account.earlierRevenue();
        if (earlier == 0) {
            return null; // infinite when there is recent revenue, undefined when there is none
        }
        return BigDecimal.valueOf(account.recentRevenue).divide(BigDecimal.valueOf(earlier), 4,
                java.math.RoundingMode.HALF_EVEN);
    }

    private static long micros(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1_000;
    }

    private static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    /** One sale inside the window, ordered by time for retiring at the window's edges. */
    private record WindowSale(long time, AccountState account, long amount) implements Comparable<WindowSale> {
        @Override
        public int compareTo(WindowSale other) {
            return Long.compare(time, other.time);
        }
    }

    /** A tier change the rule produced; {@code byClock} when the window's moving edge caused it. */
    public record TierShift(String accountId, Tier from, Tier to, boolean byClock) {
    }

    /** One point of the Pareto curve. */
    public record CurvePoint(int topAccounts, BigDecimal accountShare, BigDecimal revenueShare) {
    }
}
