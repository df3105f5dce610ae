package org.kam.account.tiering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.kam.account.Topics;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps every account's tier equal to the rule, live, and announces each change of an account's
 * effective tier once, as {@code TierChanged}, in the same transaction that stores it.
 *
 * <p>The {@link TieringEngine} holds the ranking in memory; the database holds the sales, the
 * effective and computed tiers, overrides and the rule. The engine is built from the database
 * when the service starts (or after a rolled-back transaction, whose in-memory effects are thus
 * thrown away), and changed by one transaction at a time.
 */
@Service
public class Tiering {

    private static final Logger log = LoggerFactory.getLogger(Tiering.class);
    private static final long TIERING_LOCK = 0x6b616d_74696572L; // "kam" "tier"

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final Outbox outbox;
    private final TieringProperties defaults;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private TieringEngine engine;

    Tiering(JdbcTemplate jdbc, Outbox outbox, TieringProperties defaults, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(10_000);
        this.outbox = outbox;
        this.defaults = defaults;
        this.meters = meters;
        this.clock = clock;
        for (Tier tier : Tier.values()) {
            Gauge.builder("kam.accounts.computed", this, t -> t.computedCount(tier))
                    .description("Accounts per tier as the rule computes it").tag("tier", tier.name())
                    .register(meters);
        }
    }

    // --- changes -----------------------------------------------------------------------------

    /** Re-tiers after a stored sale; {@code sale} is already in the sale table of this transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void saleRecorded(UUID saleId, String accountId, Instant occurredAt, BigDecimal amount) {
        withEngine(saleId, engine -> {
            List<TieringEngine.TierShift> shifts = engine.recordSale(accountId, occurredAt, Money.toUnits(amount));
            for (TieringEngine.TierShift shift : shifts) {
                apply(engine, shift, shift.byClock() ? "CLOCK" : "SALE", saleId);
            }
            return shifts.size();
        });
    }

    /** The supplier's assessment of an account changed (scores 1–5, null when not assessed). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void assessed(String accountId, Integer financialStrength, Integer coreCompetence, Integer growthPotential) {
        withEngine(null, engine -> {
            engine.assess(accountId, financialStrength, coreCompetence, growthPotential)
                    .forEach(shift -> apply(engine, shift, "ASSESSMENT", null));
            return null;
        });
    }

    /** Many assessments at once (an import), under one lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void assessedAll(List<Assessment> assessments) {
        withEngine(null, engine -> {
            for (Assessment a : assessments) {
                engine.assess(a.accountId(), a.financialStrength(), a.coreCompetence(), a.growthPotential())
                        .forEach(shift -> apply(engine, shift, "ASSESSMENT", null));
            }
            return null;
        });
    }

    /** The supplier's 1–5 scores of an account; null where it has not scored. */
    public record Assessment(String accountId, Integer financialStrength, Integer coreCompetence,
            Integer growthPotential) {
    }

    /** Replaces the rule, re-tiers every account and publishes the resulting changes. */
    @Transactional
    public TieringRule changeRule(TieringRule rule, String actor) {
        jdbc.update("""
                insert into tiering_rule (id, window_seconds, recent_window_seconds, key_revenue_share,
                                          potential_growth, potential_assessment, changed_by, changed_at)
                values (1, ?, ?, ?, ?, ?, ?, now())
                on conflict (id) do update set window_seconds = excluded.window_seconds,
                    recent_window_seconds = excluded.recent_window_seconds,
                    key_revenue_share = excluded.key_revenue_share, potential_growth = excluded.potential_growth,
                    potential_assessment = excluded.potential_assessment, changed_by = excluded.changed_by,
                    changed_at = now()""",
                rule.window().toSeconds(), rule.recentWindow().toSeconds(), rule.keyRevenueShare(),
                rule.potentialGrowth(), rule.potentialAssessment(), actor);
        return withEngine(null, engine -> {
            if (!engine.rule().equals(rule)) {
                rebuild(null);
            }
            return this.engine.rule();
        });
    }

    /** Sets a person's decision over the rule's, until it is cleared or expires. */
    @Transactional
    public void override(String accountId, Tier tier, String reason, Instant expiresAt, String actor) {
        withEngine(null, engine -> {
            Tier effective = effectiveTier(accountId);
            jdbc.update("""
                    update account set override_tier = ?, override_reason = ?, override_expires_at = ?,
                                       override_by = ?, override_at = now()
                    where id = ?""", tier.name(), reason, timestamp(expiresAt), actor, accountId);
            audit(accountId, "SET", tier, reason, expiresAt, actor);
            if (effective != tier) {
                publish(accountId, effective, tier, "OVERRIDE", null, engine);
            }
            return null;
        });
    }

    /** Ends an override; the account goes back to its computed tier. */
    @Transactional
    public boolean clearOverride(String accountId, String actor, boolean expired) {
        return withEngine(null, engine -> {
            Tier effective = effectiveTier(accountId);
            int cleared = jdbc.update("""
                    update account set override_tier = null, override_reason = null, override_expires_at = null,
                                       override_by = null, override_at = null
                    where id = ? and override_tier is not null""", accountId);
            if (cleared == 0) {
                return false;
            }
            audit(accountId, expired ? "EXPIRED" : "CLEARED", null, null, null, actor);
            Tier computed = Tier.valueOf(jdbc.queryForObject("select computed_tier from account where id = ?",
                    String.class, accountId));
            if (computed != effective) {
                publish(accountId, effective, computed, expired ? "OVERRIDE_EXPIRED" : "OVERRIDE", null, engine);
            }
            return true;
        });
    }

    /** Overrides whose expiry has passed, oldest first. */
    public List<String> expiredOverrides() {
        return jdbc.queryForList("""
                select id from account where override_expires_at <= ? order by override_expires_at limit 1000""",
                String.class, Timestamp.from(clock.instant()));
    }

    // --- reading -----------------------------------------------------------------------------

    @Transactional
    public TierExplanation explain(String accountId) {
        return withEngine(null, engine -> engine.explain(accountId));
    }

    /** Computed tier and window revenue of each of {@code accountIds} known to the engine. */
    @Transactional
    public Map<String, Standing> standings(Collection<String> accountIds) {
        return withEngine(null, engine -> {
            Map<String, Standing> standings = new HashMap<>();
            for (String id : accountIds) {
                Tier tier = engine.tierOf(id);
                standings.put(id, new Standing(tier == null ? Tier.REGULAR : tier, Money.toDecimal(engine.revenueOf(id))));
            }
            return standings;
        });
    }

    @Transactional
    public Summary summary(int curvePoints) {
        return withEngine(null, engine -> new Summary(engine.counts(), engine.rankedAccounts(), engine.windowRevenue(),
                engine.paretoCurve(curvePoints), engine.rule(), engine.clock()));
    }

    @Transactional
    public TieringRule rule() {
        return withEngine(null, TieringEngine::rule);
    }

    /** Builds the engine now rather than on the first sale, publishing what a changed rule changed. */
    @Transactional
    public void warmUp() {
        withEngine(null, engine -> null);
    }

    public record Standing(Tier computedTier, BigDecimal windowRevenue) {
    }

    public record Summary(Map<Tier, Integer> computedCounts, int rankedAccounts, BigDecimal windowRevenue,
            List<TieringEngine.CurvePoint> paretoCurve, TieringRule rule, Instant businessClock) {
    }

    // --- internals ---------------------------------------------------------------------------

    /**
     * Runs {@code work} on the engine inside the caller's transaction, one transaction at a time
     * (in this JVM by the lock, across instances by an advisory lock held to commit). If the
     * transaction does not commit, the engine's changes are discarded with it.
     */
    private <T> T withEngine(UUID excludedSale, Function<TieringEngine, T> work) {
        lock.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    engine = null;
                }
                lock.unlock();
            }
        });
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, TIERING_LOCK);
        if (engine == null) {
            rebuild(excludedSale);
        }
        return work.apply(engine);
    }

    /**
     * Builds the engine from the database and publishes where the rule now disagrees with the
     * tiers last announced (a changed rule, or configuration changed while the service was down).
     */
    private void rebuild(UUID excludedSale) {
        long started = System.nanoTime();
        TieringRule rule = storedRule();
        TieringEngine fresh = new TieringEngine(rule);
        jdbc.query("""
                select id, computed_tier, financial_strength, core_competence, growth_potential from account""",
                rs -> {
                    String id = rs.getString(1);
                    fresh.loadAssessment(id, (Integer) rs.getObject(3), (Integer) rs.getObject(4), (Integer) rs.getObject(5));
                    fresh.declare(id, Tier.valueOf(rs.getString(2)));
                });
        UUID excluded = excludedSale == null ? new UUID(0, 0) : excludedSale;
        Timestamp latest = jdbc.queryForObject("select max(occurred_at) from sale where event_id <> ?",
                Timestamp.class, excluded);
        long sales = 0;
        if (latest != null) {
            Instant windowStart = latest.toInstant().minus(rule.window());
            long[] count = new long[1];
            streaming.query("""
                    select account_id, occurred_at, amount from sale
                    where occurred_at > ? and event_id <> ? order by occurred_at""",
                    rs -> {
                        fresh.load(rs.getString(1), rs.getTimestamp(2).toInstant(), Money.toUnits(rs.getBigDecimal(3)));
                        count[0]++;
                    }, Timestamp.from(windowStart), excluded);
            sales = count[0];
        }
        engine = fresh;
        List<TieringEngine.TierShift> shifts = fresh.reconcile();
        shifts.forEach(shift -> apply(fresh, shift, "RULE_CHANGE", null));
        log.info("Tiering engine built from {} sales in the window in {} ms; {} tier changes to announce",
                sales, Duration.ofNanos(System.nanoTime() - started).toMillis(), shifts.size());
    }

    private TieringRule storedRule() {
        List<TieringRule> stored = jdbc.query("""
                select window_seconds, recent_window_seconds, key_revenue_share, potential_growth, potential_assessment
                from tiering_rule where id = 1""",
                (rs, i) -> new TieringRule(Duration.ofSeconds(rs.getLong(1)), Duration.ofSeconds(rs.getLong(2)),
                        rs.getBigDecimal(3).stripTrailingZeros(), rs.getBigDecimal(4).stripTrailingZeros(),
                        rs.getBigDecimal(5).stripTrailingZeros()));
        return stored.isEmpty() ? defaults.rule() : stored.get(0);
    }

    /** The rule moved an account's computed tier; its effective tier follows unless overridden. */
    private void apply(TieringEngine engine, TieringEngine.TierShift shift, String cause, UUID causeEventId) {
        String override = jdbc.queryForObject("""
                update account set computed_tier = ?, updated_at = now() where id = ? returning override_tier""",
                String.class, shift.to().name(), shift.accountId());
        if (override == null) {
            publish(shift.accountId(), shift.from(), shift.to(), cause, causeEventId, engine);
        }
    }

    private void publish(String accountId, Tier from, Tier to, String cause, UUID causeEventId, TieringEngine engine) {
        Instant asOf = engine.clock() == null ? clock.instant() : engine.clock();
        TierChange change = new TierChange(UUID.randomUUID(), clock.instant(), accountId, from, to, asOf, cause,
                causeEventId);
        jdbc.update("update account set tier = ?, updated_at = now() where id = ?", to.name(), accountId);
        jdbc.update("""
                insert into tier_change (event_id, account_id, from_tier, to_tier, as_of, cause, cause_event_id)
                values (?, ?, ?, ?, ?, ?, ?)""",
                change.eventId(), accountId, from.name(), to.name(), Timestamp.from(asOf), cause, causeEventId);
        outbox.append(change.eventId(), Topics.ACCOUNT_TIERS, accountId, "TierChanged", change);
        meters.counter("kam.tier.changes", "from", from.name(), "to", to.name(), "cause", cause).increment();
    }

    private Tier effectiveTier(String accountId) {
        // Not "for update": a sale of this account holds a key-share lock on its row while it waits
        // for the tiering lock held here, and "for update" would wait for that sale: a deadlock
        // PostgreSQL cannot see, as half of it is a JVM lock.
        List<String> tier = jdbc.queryForList("select tier from account where id = ? for no key update", String.class,
                accountId);
        if (tier.isEmpty()) {
            throw new NotFoundException("No account " + accountId);
        }
        return Tier.valueOf(tier.get(0));
    }

    private void audit(String accountId, String action, Tier tier, String reason, Instant expiresAt, String actor) {
        jdbc.update("""
                insert into tier_override_audit (account_id, action, tier, reason, expires_at, actor)
                values (?, ?, ?, ?, ?, ?)""",
                accountId, action, tier == null ? null : tier.name(), reason, timestamp(expiresAt), actor);
    }

    private double computedCount(Tier tier) {
        // A metrics scrape must never wait for a long transaction.
        if (!lock.tryLock()) {
            return Double.NaN;
        }
        try {
            return engine == null ? Double.NaN : engine.counts().get(tier);
        } finally {
            lock.unlock();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
