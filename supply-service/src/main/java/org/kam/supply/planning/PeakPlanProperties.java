package org.kam.supply.planning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Peak-season planning settings ({@code kam.supply.peak-plan.*}); a product's own lead times, where
 * it has them, replace the two configured here.
 *
 * @param lookAheadWeeks     weeks of forecast planned, from the current week (26)
 * @param productionLeadTime from the start of production to goods ready to ship, whole days (42d)
 * @param transportLeadTime  from shipping to goods in the warehouse, whole days (14d)
 * @param scheduled          whether this instance plans on its own, every {@code interval}
 * @param initialDelay       from start-up to the first scheduled run (1m)
 * @param interval           between the end of one scheduled run and the start of the next (1h)
 * @param requestTolerance   how far (a share of it) a SKU's request quantity may drift from the one
 *                           last published before it is published again (0.05; dates always count)
 */
@ConfigurationProperties("kam.supply.peak-plan")
public record PeakPlanProperties(Integer lookAheadWeeks, Duration productionLeadTime, Duration transportLeadTime,
        Boolean scheduled, Duration initialDelay, Duration interval, Double requestTolerance) {

    public PeakPlanProperties {
        lookAheadWeeks = lookAheadWeeks == null ? 26 : lookAheadWeeks;
        productionLeadTime = productionLeadTime == null ? Duration.ofDays(42) : productionLeadTime;
        transportLeadTime = transportLeadTime == null ? Duration.ofDays(14) : transportLeadTime;
        scheduled = scheduled == null || scheduled;
        initialDelay = initialDelay == null ? Duration.ofMinutes(1) : initialDelay;
        interval = interval == null ? Duration.ofHours(1) : interval;
        requestTolerance = requestTolerance == null ? 0.05 : requestTolerance;
        if (requestTolerance < 0 || requestTolerance >= 1) {
            throw new IllegalArgumentException("requestTolerance must be 0 or more and below 1, was " + requestTolerance);
        }
    }
}
