package org.kam.insight.portfolio;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kam.insight.collection.Tier;

/**
 * Tiers over time (R4.2.3): how many accounts were KEY, POTENTIAL and REGULAR at the end of each
 * month, and which moves between tiers happened in it. Pure. An account counts from the month it was
 * first seen (its first sale or tier change) and is REGULAR until its first change, as account-service
 * opens every account as REGULAR.
 */
public final class TierTimeline {

    private TierTimeline() {
    }

    /**
     * @param firstSeen when each account was first seen
     * @param changes   every tier change applied, in any order
     */
    public static List<MonthOfTiers> of(Map<String, Instant> firstSeen, List<Change> changes, YearMonth from,
            YearMonth to) {
        List<Change> ordered = changes.stream()
                .sorted(java.util.Comparator.comparing(Change::at).thenComparing(Change::accountId)).toList();
        TreeMap<Instant, List<String>> arrivals = new TreeMap<>();
        firstSeen.forEach((account, at) -> arrivals.computeIfAbsent(at, ignored -> new ArrayList<>()).add(account));
        Map<String, Tier> tiers = new HashMap<>();
        EnumMap<Tier, Integer> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0);
        }
        List<MonthOfTiers> months = new ArrayList<>();
        int next = 0;
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            // Accounts seen before the month's end join as REGULAR, then the month's changes apply in order.
            for (List<String> joined : arrivals.headMap(end).values()) {
                for (String account : joined) {
                    if (tiers.putIfAbsent(account, Tier.REGULAR) == null) {
                        counts.merge(Tier.REGULAR, 1, Integer::sum);
                    }
                }
            }
            arrivals.headMap(end).clear();
            Map<Move, Integer> moves = new TreeMap<>();
            while (next < ordered.size() && ordered.get(next).at().isBefore(end)) {
                Change change = ordered.get(next++);
                Tier before = tiers.put(change.accountId(), change.to());
                if (before == null) {
                    before = Tier.REGULAR;
                    counts.merge(Tier.REGULAR, 1, Integer::sum);
                }
                if (before != change.to()) {
                    counts.merge(before, -1, Integer::sum);
                    counts.merge(change.to(), 1, Integer::sum);
                }
                // changes before the first month shape its counts, but are not its migrations
                if (!change.at().isBefore(start) && change.from() != change.to()) {
                    moves.merge(new Move(change.from(), change.to()), 1, Integer::sum);
                }
            }
            months.add(new MonthOfTiers(month.toString(), counts.get(Tier.KEY), counts.get(Tier.POTENTIAL),
                    counts.get(Tier.REGULAR), moves.entrySet().stream()
                            .map(entry -> new Migration(entry.getKey().from(), entry.getKey().to(), entry.getValue()))
                            .toList()));
        }
        return months;
    }

    /** One applied tier change, at its business time. */
    public record Change(String accountId, Tier from, Tier to, Instant at) {
    }

    /** @param month {@code yyyy-MM}; the counts are those at its end */
    public record MonthOfTiers(String month, int key, int potential, int regular, List<Migration> migrations) {
    }

    /** @param accounts how many accounts moved from {@code from} to {@code to} in the month */
    public record Migration(Tier from, Tier to, int accounts) {
    }

    private record Move(Tier from, Tier to) implements Comparable<Move> {
        @Override
        public int compareTo(Move other) {
            int byFrom = from.compareTo(other.from);
            return byFrom != 0 ? byFrom : to.compareTo(other.to);
        }
    }
}
