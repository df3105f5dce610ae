package org.kam.supply.planning;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Plans on its own every {@code kam.supply.peak-plan.interval}, the first time shortly after
 * start-up; off with {@code kam.supply.peak-plan.scheduled=false} (then only POST
 * /api/v1/peak-plan/run plans). Several instances may all run it: runs take turns and a run that
 * finds nothing new publishes nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "kam.supply.peak-plan.scheduled", havingValue = "true", matchIfMissing = true)
class PeakPlanSchedule {

    private final PeakPlanning planning;

    PeakPlanSchedule(PeakPlanning planning) {
        this.planning = planning;
    }

    @Scheduled(initialDelayString = "${kam.supply.peak-plan.initial-delay:1m}",
            fixedDelayString = "${kam.supply.peak-plan.interval:1h}")
    void plan() {
        planning.run();
    }
}
