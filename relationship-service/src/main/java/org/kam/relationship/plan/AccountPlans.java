package org.kam.relationship.plan;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.relationship.account.AccountDetailsRecorded;
import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.coverage.TierMovesAhead;
import org.kam.relationship.staff.Staff;
import org.kam.relationship.staff.StaffMember;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's relationship plan: who owns the relationship and since when the account has a
 * plan. Owns {@code account_plan}. An account gets a plan when it becomes KEY or POTENTIAL.
 */
@Service
public class AccountPlans {

    private final JdbcTemplate jdbc;
    private final Staff staff;
    private final AccountRegister accounts;
    private final Clock clock;
    /** The accounts of a group of plan moves, read ahead ({@link #movesAhead}), for their {@link #start}. */
    private final TransactionScoped<MovesAhead> ahead;

    AccountPlans(JdbcTemplate jdbc, Staff staff, AccountRegister accounts, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.accounts = accounts;
        this.clock = clock;
        this.ahead = new TransactionScoped<>(jdbc.getDataSource(), MovesAhead::new);
    }

    public record Plan(String accountId, String ownerStaffId, Instant startedAt) {
    }

    /** The plans of {@code accountIds} that have one, by account, in one statement. */
    public Map<String, Plan> findAll(java.util.Collection<String> accountIds) {
        Map<String, Plan> plans = new java.util.HashMap<>();
        if (!accountIds.isEmpty()) {
            jdbc.query("select account_id, owner_staff_id, started_at from account_plan where account_id = any(?)",
                    rs -> { plans.put(rs.getString(1), new Plan(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())); },
                    (Object) accountIds.toArray(String[]::new));
        }
        return plans;
    }

    public Optional<Plan> find(String accountId) {
        return jdbc.query("select account_id, owner_staff_id, started_at from account_plan where account_id = ?",
                (rs, row) -> new Plan(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), accountId)
                .stream().findFirst();
    }

    /**
     * The account's plan, started now if it has none, with an owner if it has none: the staff
     * member the directory names as owner, else the account manager (non-executive) who owns the
     * fewest plans, ties by id. With no staff registered at all the plan has no owner yet.
     */
    public Plan start(String accountId) {
        MovesAhead known = ahead.current();
        if (known != null && known.plans.containsKey(accountId)) {
            return start(known, accountId);
        }
        Instant now = clock.instant();
        jdbc.update("insert into account_plan (account_id, started_at) values (?, ?) on conflict do nothing", accountId,
                Timestamp.from(now));
        Plan plan = find(accountId).orElseThrow();
        if (plan.ownerStaffId() == null) {
            Optional<String> owner = accounts.find(accountId).flatMap(d -> staff.byIdOrName(d.owner()))
                    .map(StaffMember::id).or(this::leastLoadedAccountManager);
            owner.ifPresent(id -> jdbc.update("update account_plan set owner_staff_id = ? where account_id = ?", id,
                    accountId));
        }
        return find(accountId).orElseThrow();
    }

    /**
     * Reads, for a group of accounts whose plans move to KEY or POTENTIAL, their plans and the
     * owners the directory names, in one statement each, so that starting each plan is one
     * statement instead of seven (the plan read twice, the directory, the managers' loads counted
     * over every plan, the owner written apart).
     */
    @EventListener
    void movesAhead(TierMovesAhead moves) {
        MovesAhead known = ahead.current();
        List<String> planned = moves.accountsMovingTo(EnumSet.of(Tier.KEY, Tier.POTENTIAL));
        if (known == null || planned.isEmpty()) {
            return;
        }
        Map<String, Plan> found = findAll(planned);
        planned.forEach(accountId -> known.plans.put(accountId, Optional.ofNullable(found.get(accountId))));
        known.directoryOwners.putAll(accounts.directoryOwners(planned));
    }

    /** {@link #start(String)} of an account read ahead: one statement, or none when it has a plan with an owner. */
    private Plan start(MovesAhead known, String accountId) {
        Optional<Plan> plan = known.plans.get(accountId);
        if (plan.isPresent() && plan.get().ownerStaffId() != null) {
            return plan.get();
        }
        Optional<String> owner = Optional.ofNullable(known.directoryOwners.get(accountId))
                .flatMap(reference -> known.staffByReference.computeIfAbsent(reference,
                        r -> staff.byIdOrName(r).map(StaffMember::id)))
                .or(() -> loads(known).leastLoaded());
        // Someone may have started the plan or given it an owner since it was read: theirs is kept.
        Plan started = jdbc.queryForObject("""
                insert into account_plan (account_id, started_at, owner_staff_id) values (?, ?, ?)
                on conflict (account_id) do update
                   set owner_staff_id = coalesce(account_plan.owner_staff_id, excluded.owner_staff_id)
                returning account_id, owner_staff_id, started_at""",
                (rs, row) -> new Plan(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                accountId, Timestamp.from(clock.instant()), owner.orElse(null));
        known.plans.put(accountId, Optional.of(started));
        if (started.ownerStaffId() != null && owner.isPresent() && started.ownerStaffId().equals(owner.get())) {
            loads(known).assigned(owner.get());
        }
        return started;
    }

    private ManagerLoads loads(MovesAhead known) {
        if (known.loads == null) {
            Map<String, Integer> owned = new HashMap<>();
            jdbc.query("""
                    select s.id, count(p.account_id) from staff s left join account_plan p on p.owner_staff_id = s.id
                    where not s.executive group by s.id""", rs -> { owned.put(rs.getString(1), rs.getInt(2)); });
            known.loads = new ManagerLoads(owned);
        }
        return known.loads;
    }

    /** Gives the relationship to another staff member. */
    @Transactional
    public Plan assignOwner(String accountId, String staffId) {
        if (staff.find(staffId).isEmpty()) {
            throw new InvalidEventException("ownerStaffId", "no staff member " + staffId);
        }
        accounts.requireKnown(accountId);
        start(accountId);
        jdbc.update("update account_plan set owner_staff_id = ? where account_id = ?", staffId, accountId);
        return find(accountId).orElseThrow();
    }

    /** The owners of the accounts that have one. */
    public Map<String, String> owners(Collection<String> accountIds) {
        Map<String, String> owners = new HashMap<>();
        if (accountIds.isEmpty()) {
            return owners;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement(
                    "select account_id, owner_staff_id from account_plan where account_id = any(?) and owner_staff_id is not null");
            select.setArray(1, con.createArrayOf("text", accountIds.toArray()));
            return select;
        }, rs -> {
            owners.put(rs.getString(1), rs.getString(2));
        });
        return owners;
    }

    /** When the directory names a staff member as the owner of a planned account, the relationship follows. */
    @EventListener
    void detailsRecorded(AccountDetailsRecorded recorded) {
        staff.byIdOrName(recorded.details().owner()).ifPresent(owner -> jdbc.update(
                "update account_plan set owner_staff_id = ? where account_id = ?", owner.id(),
                recorded.details().accountId()));
    }

    /** What {@link #movesAhead} read for this transaction: plans by account (empty: none yet), directory owners. */
    private static final class MovesAhead {
        final Map<String, Optional<Plan>> plans = new HashMap<>();
        final Map<String, String> directoryOwners = new HashMap<>();
        final Map<String, Optional<String>> staffByReference = new HashMap<>();
        ManagerLoads loads;
    }

    private Optional<String> leastLoadedAccountManager() {
        return jdbc.queryForList("""
                select s.id from staff s left join account_plan p on p.owner_staff_id = s.id
                where not s.executive group by s.id order by count(p.account_id), s.id limit 1""", String.class)
                .stream().findFirst();
    }
}
