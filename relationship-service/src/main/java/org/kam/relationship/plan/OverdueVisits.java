package org.kam.relationship.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.visit.VisitKind;
import org.kam.relationship.visit.Visits;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds visits that fell due with nothing planned and publishes {@code VisitOverdue} once per
 * account, kind and due date. A visit is due {@code cadence} after the last one that took place
 * (the first executive visit: {@code first-executive-within} after the plan started).
 */
@Component
class OverdueVisits {

    private final KeyAccounts keyAccounts;
    private final AccountPlans plans;
    private final Visits visits;
    private final VisitProperties properties;
    private final Clock clock;

    OverdueVisits(KeyAccounts keyAccounts, AccountPlans plans, Visits visits, VisitProperties properties, Clock clock) {
        this.keyAccounts = keyAccounts;
        this.plans = plans;
        this.visits = visits;
        this.properties = properties;
        this.clock = clock;
    }

    /** Accounts whose plans and visits are read in one go: 1,000 keeps each statement's array small. */
    private static final int ACCOUNTS_PER_READ = 1000;

    @Scheduled(fixedDelayString = "${kam.relationship.visits.overdue-check-interval}", initialDelayString = "PT20S")
    void check() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (Tier tier : List.of(Tier.KEY, Tier.POTENTIAL)) {
            List<String> planned = new ArrayList<>(keyAccounts.planned(tier));
            // Two statements per thousand accounts, not one per account and kind (issue 12: the
            // check ran ~27,000 statements at once on a stack with 4,500 key and potential accounts).
            for (int from = 0; from < planned.size(); from += ACCOUNTS_PER_READ) {
                List<String> accountIds = planned.subList(from, Math.min(planned.size(), from + ACCOUNTS_PER_READ));
                Map<String, AccountPlans.Plan> plansOf = plans.findAll(accountIds);
                Map<String, Visits.History> histories = visits.histories(accountIds);
                for (String accountId : accountIds) {
                    AccountPlans.Plan plan = plansOf.get(accountId);
                    if (plan != null) {
                        check(tier, plan, histories.getOrDefault(accountId, Visits.History.NONE), today);
                    }
                }
            }
        }
    }

    private void check(Tier tier, AccountPlans.Plan plan, Visits.History history, LocalDate today) {
        for (VisitKind kind : VisitKind.values()) {
            int cadence = properties.cadenceDays(tier, kind);
            if (cadence == 0) {
                continue;
            }
            LocalDate lastDone = history.lastDone().get(kind);
            LocalDate due = lastDone != null ? lastDone.plusDays(cadence)
                    : LocalDate.ofInstant(plan.startedAt(), ZoneOffset.UTC).plusDays(
                            kind == VisitKind.EXECUTIVE ? properties.firstExecutiveWithin().toDays() : cadence);
            if (due.isBefore(today) && !history.plannedAhead().contains(kind)) {
                visits.reportOverdue(plan.accountId(), kind, due, plan.ownerStaffId());
            }
        }
    }
}
