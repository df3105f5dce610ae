package org.kam.supply.planning;

import java.util.concurrent.atomic.AtomicBoolean;

import org.kam.supply.PlanningInputChanged;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Plans on its own: shortly after anything the plan reads changed (a sale, a tier, the stock,
 * supply on its way) — at most once per {@code kam.supply.peak-plan.replan-delay}, however many
 * changes came in between, and never sooner than {@value #QUIET_FACTOR} times the last run's
 * duration after it — and in any case every {@code kam.supply.peak-plan.interval}, because
 * the calendar moves the look-ahead even when nothing else does. Off with
 * {@code kam.supply.peak-plan.scheduled=false} (then only POST /api/v1/peak-plan/run plans).
 * Several instances may all run it: runs take turns and a run that finds nothing new publishes
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "kam.supply.peak-plan.scheduled", havingValue = "true", matchIfMissing = true)
class PeakPlanSchedule {

    /** A run after a change waits at least this many times as long as the last run took. */
    static final int QUIET_FACTOR = 3;

    private final PeakPlanning planning;
    private final AtomicBoolean changed = new AtomicBoolean();
    /** System.nanoTime() before which a change does not start a run; a duration, not a date. */
    private volatile long quietUntil = System.nanoTime();

    PeakPlanSchedule(PeakPlanning planning) {
        this.planning = planning;
    }

    /** After the change committed: a rolled-back change changed nothing. */
    @TransactionalEventListener(fallbackExecution = true)
    void inputChanged(PlanningInputChanged change) {
        changed.set(true);
    }

    @Scheduled(initialDelayString = "${kam.supply.peak-plan.replan-delay:15s}",
            fixedDelayString = "${kam.supply.peak-plan.replan-delay:15s}")
    void planIfChanged() {
        // Planning forecasts every KEY and POTENTIAL account's SKUs: with many of them and sales
        // arriving all the time, back-to-back runs would keep a core busy. Waiting a few times as
        // long as the last run took keeps planning to a fraction of one core, whatever the size.
        if (System.nanoTime() - quietUntil >= 0 && changed.getAndSet(false)) {
            plan();
        }
    }

    @Scheduled(initialDelayString = "${kam.supply.peak-plan.initial-delay:1m}",
            fixedDelayString = "${kam.supply.peak-plan.interval:1h}")
    void planOnTheHour() {
        changed.set(false);
        plan();
    }

    private void plan() {
        long started = System.nanoTime();
        try {
            planning.run();
        } finally {
            long ended = System.nanoTime();
            quietUntil = ended + (ended - started) * QUIET_FACTOR;
        }
    }
}
