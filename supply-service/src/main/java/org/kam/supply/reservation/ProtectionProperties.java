package org.kam.supply.reservation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param horizonWeeks    how many weeks of an account's forecast demand are protected (8)
 * @param potentialShare  the share of that forecast protected for a POTENTIAL account (0.5)
 * @param refreshInterval how often every KEY and POTENTIAL account's protections are re-forecast (6h)
 * @param sizingInterval  how often the sizer looks for protections made due by tier changes and sales (200ms)
 * @param sizingLockWait  how long the sizer waits for an account's or SKU's lock before it leaves the
 *                        account for its next round (250ms)
 * @param sizingGroup     how many due accounts the sizer sizes in one transaction (50; 1 to 200)
 */
@ConfigurationProperties("kam.supply.protection")
public record ProtectionProperties(Integer horizonWeeks, Double potentialShare, Duration refreshInterval,
        Duration sizingInterval, Duration sizingLockWait, Integer sizingGroup) {

    public ProtectionProperties {
        horizonWeeks = horizonWeeks == null ? 8 : horizonWeeks;
        potentialShare = potentialShare == null ? 0.5 : potentialShare;
        refreshInterval = refreshInterval == null ? Duration.ofHours(6) : refreshInterval;
        sizingInterval = sizingInterval == null ? Duration.ofMillis(200) : sizingInterval;
        sizingLockWait = sizingLockWait == null ? Duration.ofMillis(250) : sizingLockWait;
        sizingGroup = sizingGroup == null ? 50 : sizingGroup;
        if (sizingGroup < 1 || sizingGroup > 200) {
            throw new IllegalArgumentException("kam.supply.protection.sizing-group must be 1 to 200, was " + sizingGroup);
        }
    }
}
