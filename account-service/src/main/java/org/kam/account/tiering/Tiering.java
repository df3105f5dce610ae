package org.kam.account.tiering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.kam.account.Topics;
import org.kam.chassis.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps every account's stored tier equal to the rule applied to the sales window, and announces
 * each change once, as {@code TierChanged}, in the same transaction that stores it.
 *
 * <p>This first version recomputes all accounts per call; the incremental version replaces it
 * without changing what is published.
 */
@Service
public class Tiering {

    private static final long TIERING_LOCK = 0x6b616d_74696572L; // "kam" "tier"

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final TieringProperties properties;
    private final ParetoRule rule;
    private final MeterRegistry meters;
    private final Clock clock;

    Tiering(JdbcTemplate jdbc, Outbox outbox, TieringProperties properties, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.properties = properties;
        this.rule = new ParetoRule(properties.keyRevenueShare());
        this.meters = meters;
        this.clock = clock;
    }

    /** Re-tiers all accounts after {@code causeEventId}; returns how many accounts changed tier. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int retier(String cause, UUID causeEventId) {
        // Serialises tiering: two concurrent sales must not both decide from the same old ranking.
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, TIERING_LOCK);
        Timestamp businessClock = jdbc.queryForObject("select max(occurred_at) from sale", Timestamp.class);
        if (businessClock == null) {
            return 0;
        }
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        Map<String, Tier> stored = new HashMap<>();
        Map<String, BigDecimal> storedRevenue = new HashMap<>();
        jdbc.query("""
                select a.id, a.tier, a.window_revenue,
                       coalesce(sum(s.amount) filter (where s.occurred_at > ?::timestamptz - make_interval(secs => ?)), 0)
                from account a left join sale s on s.account_id = a.id
                group by a.id""",
                rs -> {
                    revenue.put(rs.getString(1), rs.getBigDecimal(4));
                    stored.put(rs.getString(1), Tier.valueOf(rs.getString(2)));
                    storedRevenue.put(rs.getString(1), rs.getBigDecimal(3));
                },
                businessClock, properties.window().toSeconds());
        Map<String, Tier> computed = rule.assign(revenue);
        Instant asOf = businessClock.toInstant();
        int changes = 0;
        for (Map.Entry<String, Tier> entry : computed.entrySet()) {
            String account = entry.getKey();
            Tier from = stored.get(account);
            Tier to = entry.getValue();
            if (revenue.get(account).compareTo(storedRevenue.get(account)) != 0 || from != to) {
                jdbc.update("update account set tier = ?, window_revenue = ?, updated_at = now() where id = ?",
                        to.name(), revenue.get(account), account);
            }
            if (from != to) {
                publish(new TierChange(UUID.randomUUID(), clock.instant(), account, from, to, asOf, cause, causeEventId));
                changes++;
            }
        }
        return changes;
    }

    private void publish(TierChange change) {
        jdbc.update("""
                insert into tier_change (event_id, account_id, from_tier, to_tier, as_of, cause, cause_event_id)
                values (?, ?, ?, ?, ?, ?, ?)""",
                change.eventId(), change.accountId(), change.from().name(), change.to().name(),
                Timestamp.from(change.asOf()), change.cause(), change.causeEventId());
        outbox.append(change.eventId(), Topics.ACCOUNT_TIERS, change.accountId(), "TierChanged", change);
        meters.counter("kam.tier.changes", "from", change.from().name(), "to", change.to().name()).increment();
    }
}
