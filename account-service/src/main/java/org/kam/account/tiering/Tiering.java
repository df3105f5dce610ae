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
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.chassis.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
    private final PlatformTransactionManager transactions;
    private final Duration followerRefresh;
    private TieringEngine engine;
    /** The tiering_state version the engine reflects. */
    private long engineVersion = -1;
    private Instant engineBuiltAt = Instant.EPOCH;
    /** What the current transaction has done with the engine already (lock, version). */
    private final TransactionScoped<Held> held;
    /** Whether this instance applies sales: the leader ({@link SalesLeadership}) does, the others read. */
    private volatile boolean writer;

    Tiering(JdbcTemplate jdbc, Outbox outbox, TieringProperties defaults, MeterRegistry meters, Clock clock,
            PlatformTransactionManager transactions,
            @Value("${kam.tiering.leadership.follower-refresh:30s}") Duration followerRefresh) {
        this.transactions = transactions;
        this.followerRefresh = followerRefresh;
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(10_000);
        this.held = new TransactionScoped<>(jdbc.getDataSource(), Held::new);
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

    /**
     * Re-tiers after a sale this transaction stores: the sale may be in the sale table already or
     * written only at the commit (SalesLedger), so an engine rebuilt now leaves it out and applies it once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void saleRecorded(UUID saleId, String accountId, Instant occurredAt, BigDecimal amount) {
        if (!writer) {
            // A record delivered after this instance lost the lead (a consumer resumed by its own
            // back-off before the binding stopped): not applied here, tried again, never dead-lettered.
            throw new NotTheWriterException();
        }
        withEngine(saleId, true, engine -> {
            List<TieringEngine.TierShift> shifts = engine.recordSale(accountId, occurredAt, Money.toUnits(amount));
            for (TieringEngine.TierShift shift : shifts) {
                apply(engine, shift, shift.byClock() ? "CLOCK" : "SALE", saleId);
            }
            return shifts.size();
        });
    }

    /**
     * Whether the account is stored (in the directory, committed or written by this transaction):
     * the engine holds every stored account. False on an instance that does not apply sales.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean knowsAccount(String accountId) {
        return writer && withEngine(null, false, engine -> engine.knows(accountId));
    }

    /** The supplier's assessment of an account changed (scores 1–5, null when not assessed). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void assessed(String accountId, Integer financialStrength, Integer coreCompetence, Integer growthPotential) {
        withEngine(null, true, engine -> {
            engine.assess(accountId, financialStrength, coreCompetence, growthPotential)
                    .forEach(shift -> apply(engine, shift, "ASSESSMENT", null));
            return null;
        });
    }

    /** Many assessments at once (an import), under one lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void assessedAll(List<Assessment> assessments) {
        withEngine(null, true, engine -> {
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
        return withEngine(null, true, engine -> {
            if (!engine.rule().equals(rule)) {
                rebuild(null);
            }
            return this.engine.rule();
        });
    }

    /** Sets a person's decision over the rule's, until it is cleared or expires. */
    @Transactional
    public void override(String accountId, Tier tier, String reason, Instant expiresAt, String actor) {
        withEngine(null, true, engine -> {
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
        return withEngine(null, true, engine -> {
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

    /** Who set, cleared or let expire an override of the account's tier, when and why; newest first. */
    public List<OverrideAudit> overrideAudit(String accountId, int limit) {
        return jdbc.query("""
                select action, tier, reason, expires_at, actor, at from tier_override_audit
                where account_id = ? order by id desc limit ?""",
                (rs, i) -> new OverrideAudit(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5),
                        rs.getTimestamp(6).toInstant()),
                accountId, limit);
    }

    /**
     * One entry of the override audit: {@code action} SET (with the tier, reason and expiry),
     * CLEARED or EXPIRED, by {@code actor} (the token's subject, or "system") {@code at} that time.
     */
    public record OverrideAudit(String action, String tier, String reason, Instant expiresAt, String actor,
            Instant at) {
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
        return withEngine(null, false, engine -> engine.explain(accountId));
    }

    /** Computed tier and window revenue of each of {@code accountIds} known to the engine. */
    @Transactional
    public Map<String, Standing> standings(Collection<String> accountIds) {
        return withEngine(null, false, engine -> {
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
        return withEngine(null, false, engine -> new Summary(engine.counts(), engine.rankedAccounts(), engine.windowRevenue(),
                engine.paretoCurve(curvePoints), engine.rule(), engine.clock()));
    }

    @Transactional
    public TieringRule rule() {
        return withEngine(null, false, TieringEngine::rule);
    }

    /** Builds the engine now rather than on the first sale, publishing what a changed rule changed. */
    @Transactional
    public void warmUp() {
        withEngine(null, false, engine -> null);
    }

    /**
     * This instance is now the one that applies sales ({@link SalesLeadership}): its engine is
     * rebuilt from the database under the tiering lock before the first sale, whatever it held.
     */
    void becomeWriter() {
        lock.lock();
        try {
            engine = null;
            writer = true;
        } finally {
            lock.unlock();
        }
    }

    /** This instance does not apply sales now (ADR 8); a transient condition, waited out like an outage. */
    static final class NotTheWriterException extends org.springframework.dao.TransientDataAccessResourceException {
        NotTheWriterException() {
            super("this instance does not lead tiering: sales are applied by the instance that holds the lock");
        }
    }

    boolean isWriter() {
        return writer;
    }

    /** Another instance may apply sales now: reads here see the database at most {@code followerRefresh} late. */
    void stopWriting() {
        lock.lock();
        try {
            writer = false;
            engine = null;
        } finally {
            lock.unlock();
        }
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
     *
     * <p>{@code tiering_state.version} counts committed changes: a change ({@code writes}) bumps it,
     * and an engine built at another version is rebuilt first, so a change made by another instance
     * (an override entered there) is never lost. A read on an instance that does not apply sales
     * takes no lock: it uses its engine while that is at most {@code followerRefresh} older than the
     * database, and otherwise rebuilds it from a consistent snapshot, never holding up the leader.
     */
    private <T> T withEngine(UUID excludedSale, boolean writes, Function<TieringEngine, T> work) {
        Held mine = held.current();
        if (mine != null && mine.locked && engine != null) {
            // This transaction holds both locks and brought the engine up to date already; nobody
            // else can change it before it completes. A consumer applies hundreds of sales in one
            // transaction: three round trips per sale saved (issue 11).
            T result = work.apply(engine);
            if (writes && !mine.counted) {
                bumpVersion(mine);
            }
            return result;
        }
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
        if (!writes && !writer) {
            long current = version();
            if (engine == null || (engineVersion != current
                    && Duration.between(engineBuiltAt, clock.instant()).compareTo(followerRefresh) >= 0)) {
                rebuildFromSnapshot();
            }
            return work.apply(engine);
        }
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, TIERING_LOCK);
        long current = version();
        boolean changed = false;
        if (engine == null || engineVersion != current) {
            changed = rebuild(excludedSale) > 0;
        }
        if (mine != null) {
            mine.locked = true;
        }
        T result = work.apply(engine);
        if (writes || changed) {
            bumpVersion(mine);
        } else {
            engineVersion = current;
        }
        return result;
    }

    /** Counts this transaction's change: once per transaction is enough, the version counts commits. */
    private void bumpVersion(Held mine) {
        engineVersion = jdbc.queryForObject("update tiering_state set version = version + 1 where id = 1 returning version",
                Long.class);
        if (mine != null) {
            mine.counted = true;
        }
    }

    /** The current transaction's standing with the engine. */
    private static final class Held {
        /** The tiering lock and this JVM's lock are held, and the engine reflects the database. */
        boolean locked;
        /** tiering_state.version was bumped in this transaction. */
        boolean counted;
    }

    private long version() {
        Long version = jdbc.queryForObject("select version from tiering_state where id = 1", Long.class);
        return version == null ? 0 : version;
    }

    /**
     * Builds a read-only engine from one REPEATABLE READ snapshot (no tiering lock, nothing
     * published): what an instance that does not apply sales answers reads from.
     */
    private void rebuildFromSnapshot() {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(status -> {
            long current = version();
            engine = load(null);
            engineVersion = current;
        });
    }

    /**
     * Builds the engine from the database and publishes where the rule now disagrees with the
     * tiers last announced (a changed rule, or configuration changed while the service was down).
     */
    private int rebuild(UUID excludedSale) {
        long started = System.nanoTime();
        TieringEngine fresh = load(excludedSale);
        engine = fresh;
        List<TieringEngine.TierShift> shifts = fresh.reconcile();
        shifts.forEach(shift -> apply(fresh, shift, "RULE_CHANGE", null));
        log.info("Tiering engine built from the database in {} ms; {} tier changes to announce",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), shifts.size());
        return shifts.size();
    }

    /** A new engine holding the stored rule, accounts, assessments and the window's sales. */
    private TieringEngine load(UUID excludedSale) {
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
        engineBuiltAt = clock.instant();
        log.debug("Loaded {} sales of the window in {} ms", sales, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return fresh;
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
        // The effective tier follows in the same statement unless a person's override stands (issue 12:
        // one round trip fewer for each of the thousands of tier changes a busy hour brings).
        String override = jdbc.queryForObject("""
                update account set computed_tier = ?,
                                   tier = case when override_tier is null then ? else tier end,
                                   updated_at = now()
                where id = ? returning override_tier""",
                String.class, shift.to().name(), shift.to().name(), shift.accountId());
        if (override == null) {
            announce(shift.accountId(), shift.from(), shift.to(), cause, causeEventId, engine);
        }
    }

    private void publish(String accountId, Tier from, Tier to, String cause, UUID causeEventId, TieringEngine engine) {
        jdbc.update("update account set tier = ?, updated_at = now() where id = ?", to.name(), accountId);
        announce(accountId, from, to, cause, causeEventId, engine);
    }

    /** Records and announces a change of the effective tier already stored on the account's row. */
    private void announce(String accountId, Tier from, Tier to, String cause, UUID causeEventId, TieringEngine engine) {
        Instant asOf = engine.clock() == null ? clock.instant() : engine.clock();
        UUID eventId = UUID.randomUUID();
        // The row's id orders one account's changes (they are made one at a time, under the tiering
        // lock): consumers keep the highest they applied and ignore an older change replayed later.
        Long sequence = jdbc.queryForObject("""
                insert into tier_change (event_id, account_id, from_tier, to_tier, as_of, cause, cause_event_id)
                values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                eventId, accountId, from.name(), to.name(), Timestamp.from(asOf), cause, causeEventId);
        TierChange change = new TierChange(eventId, clock.instant(), accountId, from, to, asOf, cause,
                causeEventId, sequence);
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
