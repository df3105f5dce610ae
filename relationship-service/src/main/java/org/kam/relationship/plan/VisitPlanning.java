package org.kam.relationship.plan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.activity.AccountActivity;
import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.staff.Staff;
import org.kam.relationship.staff.StaffMember;
import org.kam.relationship.visit.Visit;
import org.kam.relationship.visit.VisitKind;
import org.kam.relationship.visit.VisitPlanner;
import org.kam.relationship.visit.VisitPlanner.Need;
import org.kam.relationship.visit.VisitPlanner.Proposal;
import org.kam.relationship.visit.VisitPlanner.Visitor;
import org.kam.relationship.visit.VisitSource;
import org.kam.relationship.visit.Visits;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans visits: loads who may visit, what is booked and what falls due, lets the pure
 * {@link VisitPlanner} decide, and books the proposals when asked to. Nothing here decides dates.
 */
@Service
public class VisitPlanning {

    static final int MAX_HORIZON_DAYS = 366;

    private final KeyAccounts keyAccounts;
    private final AccountPlans plans;
    private final AccountRegister accounts;
    private final AccountActivity activity;
    private final Staff staff;
    private final Visits visits;
    private final VisitProperties properties;
    private final VisitPlanner planner;
    private final Clock clock;

    VisitPlanning(KeyAccounts keyAccounts, AccountPlans plans, AccountRegister accounts, AccountActivity activity,
            Staff staff, Visits visits, VisitProperties properties, Clock clock) {
        this.keyAccounts = keyAccounts;
        this.plans = plans;
        this.accounts = accounts;
        this.activity = activity;
        this.staff = staff;
        this.visits = visits;
        this.properties = properties;
        this.planner = new VisitPlanner(properties.perDay());
        this.clock = clock;
    }

    /** A proposed visit; {@code visitId} is set once it is booked. */
    public record PlannedVisit(UUID visitId, String accountId, VisitKind kind, String staffId, LocalDate on,
            String region, LocalDate dueOn) {
    }

    public record PlanResult(LocalDate from, LocalDate to, boolean applied, List<PlannedVisit> visits,
            List<VisitPlanner.Unplaced> unplaced, List<VisitPlanner.Usage> budgets) {
    }

    /**
     * Plans the visits due between {@code from} and {@code to} for every KEY and POTENTIAL plan;
     * with {@code staffId}, only that person's visits are kept. Books them when {@code apply}.
     */
    @Transactional
    public PlanResult plan(LocalDate from, LocalDate to, String staffId, boolean apply) {
        LocalDate today = today();
        if (to.isBefore(from)) {
            throw new InvalidEventException("to", "must not be before from " + from);
        }
        if (to.isAfter(from.plusDays(MAX_HORIZON_DAYS))) {
            throw new InvalidEventException("to", "must be at most " + MAX_HORIZON_DAYS + " days after from");
        }
        if (from.isBefore(today)) {
            throw new InvalidEventException("from", "must not be in the past (today is " + today + ")");
        }
        if (staffId != null && staff.find(staffId).isEmpty()) {
            throw new InvalidEventException("staffId", "no staff member " + staffId);
        }
        if (apply) {
            visits.lockCalendars(); // before reading what is booked: see Visits#lockCalendars
        }
        Set<String> planned = new LinkedHashSet<>(keyAccounts.planned(Tier.KEY));
        Map<String, Tier> tierOf = new java.util.HashMap<>();
        planned.forEach(id -> tierOf.put(id, Tier.KEY));
        keyAccounts.planned(Tier.POTENTIAL).forEach(id -> {
            planned.add(id);
            tierOf.putIfAbsent(id, Tier.POTENTIAL);
        });
        Map<String, String> owners = plans.owners(planned);
        Map<String, BigDecimal> values = activity.valueOverLastYear(planned);
        Map<String, String> regions = accounts.regions(planned);
        Map<String, Visits.Latest> latest = visits.latest(planned);
        List<Need> needs = new ArrayList<>();
        for (String accountId : planned) {
            Visits.Latest last = latest.getOrDefault(accountId, new Visits.Latest(null, null, null));
            for (VisitKind kind : VisitKind.values()) {
                int cadence = properties.cadenceDays(tierOf.get(accountId), kind);
                if (cadence == 0) {
                    continue;
                }
                LocalDate lastOn = last.of(kind);
                LocalDate due = lastOn != null ? lastOn.plusDays(cadence) : firstDue(accountId, kind, cadence);
                needs.add(new Need(accountId, kind, due, cadence, values.getOrDefault(accountId, BigDecimal.ZERO),
                        regions.get(accountId), owners.get(accountId), last.executiveBy()));
            }
        }
        return decide(today, from, to, needs, staffId, apply, VisitSource.PLANNER);
    }

    /**
     * The first executive visit of an account that just became KEY, within
     * {@code first-executive-within} (30 days) unless one is planned already.
     */
    public void planFirstExecutiveVisit(String accountId) {
        visits.lockCalendars();
        if (visits.plannedAhead(accountId, VisitKind.EXECUTIVE)) {
            return;
        }
        LocalDate today = today();
        LocalDate due = today.plusDays(properties.firstExecutiveWithin().toDays());
        Need need = new Need(accountId, VisitKind.EXECUTIVE, due, properties.cadenceDays(Tier.KEY, VisitKind.EXECUTIVE),
                BigDecimal.ZERO, accounts.regions(List.of(accountId)).get(accountId), null, null);
        decide(today, today, due, List.of(need), null, true, VisitSource.TIER_CHANGE);
    }

    private LocalDate firstDue(String accountId, VisitKind kind, int cadence) {
        LocalDate started = plans.find(accountId).map(p -> LocalDate.ofInstant(p.startedAt(), ZoneOffset.UTC))
                .orElse(today());
        return started.plusDays(kind == VisitKind.EXECUTIVE ? properties.firstExecutiveWithin().toDays() : cadence);
    }

    private PlanResult decide(LocalDate today, LocalDate from, LocalDate to, List<Need> needs, String staffId,
            boolean apply, VisitSource source) {
        if (apply) {
            visits.lockCalendars();
        }
        List<Visitor> visitors = staff.all().stream().map(this::visitor).toList();
        VisitPlanner.Plan plan = planner.plan(today, from, to, visitors, visits.booked(from, to), needs);
        List<Proposal> kept = plan.proposals().stream()
                .filter(p -> staffId == null || staffId.equals(p.staffId())).toList();
        List<PlannedVisit> result;
        if (apply) {
            List<Visit> booked = visits.book(kept, source);
            result = booked.stream().map(v -> new PlannedVisit(v.id(), v.accountId(), v.kind(), v.staffId(),
                    v.plannedOn(), v.region(), null)).toList();
            List<PlannedVisit> withDue = new ArrayList<>();
            for (int i = 0; i < result.size(); i++) {
                PlannedVisit visit = result.get(i);
                withDue.add(new PlannedVisit(visit.visitId(), visit.accountId(), visit.kind(), visit.staffId(),
                        visit.on(), visit.region(), kept.get(i).dueOn()));
            }
            result = withDue;
        } else {
            result = kept.stream().map(p -> new PlannedVisit(null, p.accountId(), p.kind(), p.staffId(), p.on(),
                    p.region(), p.dueOn())).toList();
        }
        List<VisitPlanner.Usage> budgets = plan.usage().stream()
                .filter(u -> staffId == null || staffId.equals(u.staffId()))
                .filter(u -> u.budgetDays() > 0 || u.usedDays() > 0).toList();
        return new PlanResult(from, to, apply, result, plan.unplaced(), budgets);
    }

    private Visitor visitor(StaffMember member) {
        return new Visitor(member.id(), member.visitBudget() == null ? properties.defaultBudget() : member.visitBudget(),
                member.executive());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
