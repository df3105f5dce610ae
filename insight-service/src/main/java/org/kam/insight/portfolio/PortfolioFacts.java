package org.kam.insight.portfolio;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kam.insight.collection.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the collected facts (sale_fact, account_tier, tier_history: the Collector's tables) for the portfolio views. */
@Repository
class PortfolioFacts {

    private final JdbcTemplate jdbc;

    PortfolioFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The business clock: the time of the latest sale collected, empty before the first. */
    Optional<Instant> latestSale() {
        Timestamp latest = jdbc.queryForObject("select max(occurred_at) from sale_fact", Timestamp.class);
        return Optional.ofNullable(latest).map(Timestamp::toInstant);
    }

    /** Revenue per account of the sales in [from, to), with each account's tier now. */
    List<Portfolio.AccountRevenue> revenue(Instant from, Instant to) {
        return jdbc.query("""
                select s.account_id, coalesce(t.tier, 'REGULAR'), sum(s.amount)
                from sale_fact s left join account_tier t on t.account_id = s.account_id
                where s.occurred_at >= ? and s.occurred_at < ?
                group by s.account_id, t.tier""",
                (rs, row) -> new Portfolio.AccountRevenue(rs.getString(1), Tier.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3)),
                Timestamp.from(from), Timestamp.from(to));
    }

    Map<String, BigDecimal> revenueByAccount(Instant from, Instant to) {
        Map<String, BigDecimal> revenue = new HashMap<>();
        revenue(from, to).forEach(account -> revenue.put(account.accountId(), account.amount()));
        return revenue;
    }

    Map<String, Tier> tiers() {
        Map<String, Tier> tiers = new HashMap<>();
        jdbc.query("select account_id, tier from account_tier",
                rs -> {
                    tiers.put(rs.getString(1), Tier.valueOf(rs.getString(2)));
                });
        return tiers;
    }

    /** When each account was first seen: its first sale or its first tier change, whichever came first. */
    Map<String, Instant> firstSeen() {
        Map<String, Instant> seen = new HashMap<>();
        jdbc.query("""
                select account_id, min(at) from (
                    select account_id, min(occurred_at) as at from sale_fact group by account_id
                    union all
                    select account_id, min(as_of) from tier_history group by account_id) first
                group by account_id""", rs -> {
            seen.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
        return seen;
    }

    List<TierTimeline.Change> tierChanges() {
        return jdbc.query("select account_id, from_tier, to_tier, as_of from tier_history",
                (rs, row) -> new TierTimeline.Change(rs.getString(1), Tier.valueOf(rs.getString(2)),
                        Tier.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant()));
    }
}
