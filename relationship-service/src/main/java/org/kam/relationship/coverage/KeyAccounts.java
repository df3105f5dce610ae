package org.kam.relationship.coverage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.transaction.ReadPerTransaction;
import org.kam.relationship.contact.ContactBook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The accounts' tiers as account-service announces them ({@code account_tier}, which it owns),
 * and each account's <em>plan tier</em>: its tier, except that an account that leaves KEY keeps a
 * KEY plan for {@code kam.relationship.key-grace} (90 days), so a tier that flips back and forth
 * near a cut-off does not cancel and re-plan visits. The grace runs from the business time the
 * account left KEY (the change's {@code asOf}) and ends by the wall clock: live, the two are the
 * same moment; when history is replayed (an import of last year's sales), an account that was KEY
 * only in the past keeps no plan for today. A change of plan tier is announced as {@link TierMoved}
 * by {@link PlanMoves}, moments after the tier change, once (docs/adr/0014).
 */
@Service
public class KeyAccounts {

    static final String CONSUMER = "relationship-service.account-tiers";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final ContactBook contacts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration keyGrace;
    private final CoverageRule rule = new CoverageRule();
    /**
     * Read once per transaction: a consumer's batch asks for the plan tier of the same buyers again
     * and again ({@link #readAhead}). Only {@link #record} and {@link #endOneGracePeriod} change
     * what is read, each in a transaction of its own, and each forgets what it changed.
     */
    private final ReadPerTransaction<String, Optional<TierState>> states;

    KeyAccounts(JdbcTemplate jdbc, Inbox inbox, ContactBook contacts, ApplicationEventPublisher events, Clock clock,
            @Value("${kam.relationship.key-grace}") Duration keyGrace, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.contacts = contacts;
        this.events = events;
        this.clock = clock;
        this.keyGrace = keyGrace;
        this.states = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedState, this::storedStates);
        Gauge.builder("kam.key.accounts.missing.levels", this, KeyAccounts::missingAnyLevel)
                .description("Key accounts where the supplier knows nobody at one or more levels")
                .register(meters);
    }

    /**
     * Applies a tier change once; a redelivered event changes nothing. The stored {@code since} is
     * the asOf of the change that moved the account into its tier. One account's changes arrive in
     * order (keyed by account id, relayed in commit order); an older one replayed after a newer one
     * (a lower {@code sequence}) changes nothing. An applied change makes the account's plan due:
     * {@link PlanMoves} announces a move of its plan tier moments later (docs/adr/0014), so a tier
     * that flips KEY, POTENTIAL and KEY again in one batch of a replay moves no plan at all.
     */
    @Transactional
    public void record(TierChange change) {
        if (!inbox.firstDelivery(CONSUMER, change.eventId())) {
            return;
        }
        jdbc.update("""
                insert into account_tier (account_id, tier, since, sequence, cause, plan_due_since)
                values (?, ?, ?, ?, ?, clock_timestamp())
                on conflict (account_id) do update
                   set since = case when account_tier.tier = excluded.tier then account_tier.since else excluded.since end,
                       key_left_at = case when excluded.tier = 'KEY' then null
                                          when account_tier.tier = 'KEY' then ?
                                          else account_tier.key_left_at end,
                       tier = excluded.tier, sequence = excluded.sequence, cause = excluded.cause,
                       plan_due_since = coalesce(account_tier.plan_due_since, excluded.plan_due_since)
                where account_tier.sequence < excluded.sequence
                   or (account_tier.sequence = 0 and excluded.sequence = 0)""",
                change.accountId(), change.to().name(), Timestamp.from(change.asOf()), change.sequence(),
                change.cause(), Timestamp.from(change.asOf()));
        states.forget(change.accountId());
    }

    /** Reads the tiers of {@code accountIds} for the rest of the transaction, in one statement. */
    public void readAhead(Collection<String> accountIds) {
        if (!accountIds.isEmpty()) {
            states.readAhead(accountIds);
        }
    }

    /** Up to {@code limit} accounts whose plan may have moved, the longest waiting first. */
    public List<String> plansDue(int limit) {
        return jdbc.queryForList("""
                select account_id from account_tier where plan_due_since is not null
                order by plan_due_since, account_id limit ?""", String.class, limit);
    }

    /**
     * Announces the plan moves of a group of accounts, in one transaction: each account whose plan
     * tier now differs from the one last announced gets a {@link TierMoved} (whose listeners run in
     * this transaction), and every account's mark is cleared. Reads and clears the group's rows in
     * one statement each (issue 12: a burst of tier changes was five statements and a commit per
     * account), and announces the moves first all together ({@link TierMovesAhead}), so that what
     * the listeners need is read for the group, not per move. Waits at most {@code lockWait} for a lock (a consumer's batch may hold an account's
     * row): then it fails with a lock error and the accounts stay due.
     *
     * @return the moves announced, in account order; none for an account whose plan tier did not
     *         move or that had nothing due
     */
    @Transactional
    public List<TierMoved> announcePlanMoves(List<String> accountIds, Duration lockWait) {
        jdbc.execute("set local lock_timeout = " + Math.max(1, lockWait.toMillis()));
        List<TierMoved> moves = jdbc.query("""
                select account_id, tier, since, key_left_at, plan_tier from account_tier
                where account_id = any(?) and plan_due_since is not null order by account_id for update""",
                (rs, row) -> {
                    Tier announced = rs.getString(5) == null ? Tier.REGULAR : Tier.valueOf(rs.getString(5));
                    Tier now = planTier(new TierState(rs.getString(1), Tier.valueOf(rs.getString(2)),
                            rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4))));
                    return new TierMoved(rs.getString(1), announced, now);
                }, (Object) accountIds.toArray(String[]::new));
        jdbc.batchUpdate("update account_tier set plan_tier = ?, plan_due_since = null where account_id = ?", moves,
                1000, (ps, move) -> {
                    ps.setString(1, move.planAfter().name());
                    ps.setString(2, move.accountId());
                });
        List<TierMoved> announced = moves.stream().filter(move -> move.planAfter() != move.planBefore()).toList();
        if (!announced.isEmpty()) {
            readAhead(announced.stream().map(TierMoved::accountId).toList());
            events.publishEvent(new TierMovesAhead(announced));
        }
        announced.forEach(events::publishEvent);
        return announced;
    }

    /** Announcing the account's plan move failed for a reason of its own: it waits behind the others. */
    @Transactional
    public void postponePlanMove(String accountId) {
        jdbc.update("update account_tier set plan_due_since = clock_timestamp() where account_id = ? and plan_due_since is not null",
                accountId);
    }

    /** How many accounts' plans may have moved and are not announced yet. */
    public long plansDueCount() {
        Long count = jdbc.queryForObject("select count(*) from account_tier where plan_due_since is not null", Long.class);
        return count == null ? 0 : count;
    }

    /** The tier the account is planned for now: its tier, or KEY while the grace period after leaving KEY runs. */
    public Tier planTier(String accountId) {
        return state(accountId).map(this::planTier).orElse(Tier.REGULAR);
    }

    /** The account's tier as account-service last announced it; REGULAR when none was announced. */
    public Tier tier(String accountId) {
        return state(accountId).map(TierState::tier).orElse(Tier.REGULAR);
    }

    /** Since when the account has had its tier (the asOf of the change that put it there). */
    public Optional<Instant> since(String accountId) {
        return state(accountId).map(TierState::since);
    }

    /** account-service's cause of the change that gave the account its tier (SALE, ASSESSMENT, OVERRIDE, …). */
    public Optional<String> cause(String accountId) {
        return jdbc.queryForList("select cause from account_tier where account_id = ?", String.class, accountId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** Every account whose plan tier is {@code tier}. */
    public List<String> planned(Tier tier) {
        return jdbc.query("select account_id, tier, since, key_left_at from account_tier where tier = ? or key_left_at is not null",
                (rs, row) -> new TierState(rs.getString(1), Tier.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                        instant(rs.getTimestamp(4))), tier.name())
                .stream().filter(state -> planTier(state) == tier).map(TierState::accountId).toList();
    }

    /**
     * Ends the grace periods that ran out: the account's plan becomes due, and {@link PlanMoves}
     * announces its move to its tier. Run now and then (see {@code GracePeriods}); true when one was
     * ended, so the caller runs it again.
     */
    @Transactional
    public boolean endOneGracePeriod() {
        List<String> expired = jdbc.queryForList("""
                select account_id from account_tier
                where tier <> 'KEY' and key_left_at is not null and key_left_at <= ?
                order by key_left_at limit 1 for update skip locked""", String.class,
                Timestamp.from(clock.instant().minus(keyGrace)));
        if (expired.isEmpty()) {
            return false;
        }
        jdbc.update("""
                update account_tier set key_left_at = null, plan_due_since = coalesce(plan_due_since, clock_timestamp())
                where account_id = ?""", expired.get(0));
        states.forget(expired.get(0));
        return true;
    }

    /** Every account that is KEY now, with its contacts per level and the levels it lacks. */
    public List<KeyAccountCoverage> coverage() {
        List<KeyAccount> keyAccounts = jdbc.query(
                "select account_id, since from account_tier where tier = 'KEY'",
                (rs, row) -> new KeyAccount(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return rule.assess(keyAccounts, contacts.countsByLevel(keyAccounts.stream().map(KeyAccount::accountId).toList()));
    }

    private Optional<TierState> state(String accountId) {
        return states.get(accountId);
    }

    private Map<String, Optional<TierState>> storedStates(Collection<String> accountIds) {
        Map<String, Optional<TierState>> found = new HashMap<>();
        accountIds.forEach(accountId -> found.put(accountId, Optional.empty()));
        jdbc.query("select account_id, tier, since, key_left_at from account_tier where account_id = any(?)",
                rs -> { found.put(rs.getString(1), Optional.of(new TierState(rs.getString(1), Tier.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4))))); },
                (Object) accountIds.toArray(String[]::new));
        return found;
    }

    private Optional<TierState> storedState(String accountId) {
        return jdbc.query("select account_id, tier, since, key_left_at from account_tier where account_id = ?",
                (rs, row) -> new TierState(rs.getString(1), Tier.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                        instant(rs.getTimestamp(4))), accountId).stream().findFirst();
    }

    private Tier planTier(TierState state) {
        if (state.tier() != Tier.KEY && state.keyLeftAt() != null
                && state.keyLeftAt().plus(keyGrace).isAfter(clock.instant())) {
            return Tier.KEY;
        }
        return state.tier();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record TierState(String accountId, Tier tier, Instant since, Instant keyLeftAt) {
    }

    private double missingAnyLevel() {
        try {
            return coverage().stream().filter(c -> !c.complete()).count();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
