package org.kam.insight.portfolio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portfolio views of the dashboard and the API: each loads the facts of its period and lets a
 * pure class ({@link Portfolio}, {@link TierTimeline}, {@link Movers}) work them out. Periods end at
 * the business clock (the latest sale), so a replayed history reads as it did at the time.
 */
@Service
public class PortfolioViews {

    private final PortfolioFacts facts;
    private final Clock clock;

    PortfolioViews(PortfolioFacts facts, Clock clock) {
        this.facts = facts;
        this.clock = clock;
    }

    /** The Pareto curve of the {@code days} up to the latest sale. */
    @Transactional(readOnly = true)
    public Period<Portfolio.Pareto> pareto(int days, int maxPoints) {
        Instant to = end();
        Instant from = to.minus(Duration.ofDays(days));
        return new Period<>(from, to, new Portfolio(facts.revenue(from, to)).pareto(maxPoints));
    }

    @Transactional(readOnly = true)
    public Period<Portfolio.Concentration> concentration(int days) {
        Instant to = end();
        Instant from = to.minus(Duration.ofDays(days));
        return new Period<>(from, to, new Portfolio(facts.revenue(from, to)).concentration());
    }

    /** The tiers at the end of each of the last {@code months} months up to the latest sale's. */
    @Transactional(readOnly = true)
    public List<TierTimeline.MonthOfTiers> tiers(int months) {
        YearMonth last = YearMonth.from(end().atZone(ZoneOffset.UTC));
        return TierTimeline.of(facts.firstSeen(), facts.tierChanges(), last.minusMonths(months - 1L), last);
    }

    /** Who rose and fell most: the last {@code days} against the {@code days} before them. */
    @Transactional(readOnly = true)
    public Period<Movers.TopMovers> movers(int days, int limit) {
        Instant to = end();
        Instant middle = to.minus(Duration.ofDays(days));
        Instant from = middle.minus(Duration.ofDays(days));
        return new Period<>(middle, to, Movers.of(facts.revenueByAccount(from, middle), facts.revenueByAccount(middle, to),
                facts.tiers(), limit));
    }

    /** Just after the latest sale (so it is inside the period), or now before any sale. */
    private Instant end() {
        return facts.latestSale().map(latest -> latest.plusMillis(1)).orElseGet(clock::instant);
    }

    /** A view of the sales in [from, to). */
    public record Period<T>(Instant from, Instant to, T view) {
    }
}
