package org.kam.relationship.coverage;

import java.time.Duration;
import java.util.List;

import org.kam.chassis.work.DueWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Announces the plan moves that tier changes and ended grace periods made due
 * ({@link KeyAccounts#announcePlanMoves}), on its own thread (a chassis {@code WorkLoop}, see
 * {@code CoverageConfiguration}): every {@code kam.relationship.plan-moves.interval} it works
 * through the accounts with a plan due, the longest waiting first, {@code plan-moves.group}
 * accounts per transaction (a chassis {@link DueWork}), in which the plan, coverage and training
 * react ({@link TierMoved}). A group whose rows a consumer's batch holds longer than
 * {@code plan-moves.lock-wait} is left for the next round; an account that fails for a reason of
 * its own (counted, logged) goes behind the others (docs/adr/0014).
 */
@Component
public class PlanMoves {

    private final DueWork work;

    PlanMoves(KeyAccounts keyAccounts, @Value("${kam.relationship.plan-moves.lock-wait:250ms}") Duration lockWait,
            @Value("${kam.relationship.plan-moves.group:50}") int group, MeterRegistry meters) {
        Counter announced = Counter.builder("kam.relationship.plan.moves")
                .description("Moves of an account's plan tier announced (visits, coverage and training follow)")
                .register(meters);
        this.work = new DueWork("the plan move of", new DueWork.Units() {
            @Override
            public List<String> due(int limit) {
                return keyAccounts.plansDue(limit);
            }

            @Override
            public void work(List<String> accountIds) {
                announced.increment(keyAccounts.announcePlanMoves(accountIds, lockWait).size());
            }

            @Override
            public void postpone(String accountId) {
                keyAccounts.postponePlanMove(accountId);
            }
        }, group, Counter.builder("kam.relationship.plan.moves.busy")
                .description("Plan moves left for the next round: the account's row was locked too long").register(meters),
                Counter.builder("kam.relationship.plan.moves.failures")
                        .description("Plan moves that failed for a reason of their own").register(meters));
        Gauge.builder("kam.relationship.plan.moves.due.accounts", keyAccounts, KeyAccounts::plansDueCount)
                .description("Accounts whose tier changed and whose plan move is not announced yet").register(meters);
    }

    /**
     * Announces every due plan move, round after round, until nothing is due or a whole round got
     * nowhere (every account busy); answers how many accounts were handled.
     *
     * @throws RuntimeException when PostgreSQL is unreachable (what was announced stays announced)
     */
    public int announceAllDue() {
        return work.workAllDue();
    }
}
