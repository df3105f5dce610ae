package org.kam.relationship.plan;

import org.kam.relationship.coverage.Tier;
import org.kam.relationship.coverage.TierMoved;
import org.kam.relationship.visit.Visits;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How a relationship plan follows the account's plan tier, in the transaction of the tier change:
 * an account that becomes KEY gets a plan at once (an owner if it has none, an executive visit
 * within 30 days; its coverage checklist is the coverage tracker's); one that becomes POTENTIAL
 * gets a plan with the lighter cadence; one whose plan ends (REGULAR, after the KEY grace period)
 * has its planned visits cancelled. Leaving KEY starts the grace period instead (see KeyAccounts),
 * so a tier that flips near a cut-off changes nothing here.
 */
@Component
class TierReactions {

    private final AccountPlans plans;
    private final VisitPlanning planning;
    private final Visits visits;

    TierReactions(AccountPlans plans, VisitPlanning planning, Visits visits) {
        this.plans = plans;
        this.planning = planning;
        this.visits = visits;
    }

    @EventListener
    void tierMoved(TierMoved moved) {
        switch (moved.planAfter()) {
            case KEY -> {
                plans.start(moved.accountId());
                planning.planFirstExecutiveVisit(moved.accountId());
            }
            case POTENTIAL -> plans.start(moved.accountId());
            case REGULAR -> {
                if (moved.planBefore() != Tier.REGULAR) {
                    visits.cancelPlanned(moved.accountId());
                }
            }
        }
    }
}
