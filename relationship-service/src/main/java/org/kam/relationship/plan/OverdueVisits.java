package org.kam.relationship.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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

    @Scheduled(fixedDelayString = "${kam.relationship.visits.overdue-check-interval}", initialDelayString = "PT20S")
    void check() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (Tier tier : List.of(Tier.KEY, Tier.POTENTIAL)) {
            for (String accountId : new ArrayList<>(keyAccounts.planned(tier))) {
                plans.find(accountId).ifPresent(plan -> {
                    for (VisitKind kind : VisitKind.values()) {
                        int cadence = properties.cadenceDays(tier, kind);
                        if (cadence == 0) {
                            continue;
                        }
                        LocalDate due = visits.lastDone(accountId, kind).map(d -> d.plusDays(cadence))
                                .orElse(LocalDate.ofInstant(plan.startedAt(), ZoneOffset.UTC).plusDays(
                                        kind == VisitKind.EXECUTIVE ? properties.firstExecutiveWithin().toDays() : cadence));
                        if (due.isBefore(today) && !visits.plannedAhead(accountId, kind)) {
                            visits.reportOverdue(accountId, kind, due, plan.ownerStaffId());
                        }
                    }
                });
            }
        }
    }
}
