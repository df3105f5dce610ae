package org.kam.supply.reservation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param protectionHorizon how far back from a key account's latest sale its purchases count as
 *                          demand to protect (56 days, i.e. 8 weeks)
 */
@ConfigurationProperties("kam.supply")
public record ProtectionProperties(Duration protectionHorizon) {

    public ProtectionProperties {
        protectionHorizon = protectionHorizon == null ? Duration.ofDays(56) : protectionHorizon;
    }
}
